import { z } from 'zod';
import {
  entityIdSchema,
  eventIdListSchema,
  evidenceUrlSchema,
  isoTimestampSchema,
  outletSchema,
  summaryTextSchema,
} from './primitives.js';

/**
 * An admiralty-scale grade (NATO AJP-2.1, MISP `admiralty-scale` taxonomy): source reliability A
 * (completely reliable) to F (cannot be judged), information credibility 1 (confirmed) to 6 (cannot be
 * judged). The scoring policy maps both to numbers taken from the MISP taxonomy file.
 */
export const admiraltyGradeSchema = z.strictObject({
  reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
  credibility: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]),
});
export type AdmiraltyGrade = z.infer<typeof admiraltyGradeSchema>;

/** What a factor rests on. Kept for ever with the factor, so its history can always be shown. */
export const factorEvidenceSchema = z.strictObject({
  eventIds: eventIdListSchema.min(1),
  urls: z.array(evidenceUrlSchema).max(50),
  /** Every outlet that carried the originating story, syndicated copies included (they are one story). */
  outlets: z.array(outletSchema).max(100),
  /** The syndication-collapsed story a news claim came from; a corroboration needs a different story. */
  storyId: entityIdSchema.optional(),
  admiralty: admiraltyGradeSchema.optional(),
});
export type FactorEvidence = z.infer<typeof factorEvidenceSchema>;

/**
 * Later evidence about a claim. Corroborations and confirmations raise its credibility; denials,
 * retractions and clearing audits lower it. Reassessments are appended, never replace the original, so
 * the credibility at any past instant stays reproducible.
 */
export const REASSESSMENT_KINDS = [
  'corroboration',
  'confirmation',
  'denial',
  'retraction',
  'audit_clear',
  'audit_confirmed',
] as const;
export type ReassessmentKind = (typeof REASSESSMENT_KINDS)[number];

export const reassessmentSchema = z.strictObject({
  /** Deterministic from the answering evidence (`reassessmentId`), so a redelivered denial counts once. */
  id: entityIdSchema,
  kind: z.enum(REASSESSMENT_KINDS),
  at: isoTimestampSchema,
  /** Who answered: the outlet, the vendor, an agency, an auditor. */
  by: outletSchema,
  /** The answering story; copies of one story (syndication) share it and count once. */
  storyId: entityIdSchema.optional(),
  admiralty: admiraltyGradeSchema.optional(),
  eventIds: eventIdListSchema.min(1),
  urls: z.array(evidenceUrlSchema).max(50),
  summary: summaryTextSchema,
});
export type Reassessment = z.infer<typeof reassessmentSchema>;
