import { z } from 'zod';
import { entityIdSchema, isoTimestampSchema, policyVersionSchema, trustScoreSchema } from './primitives.js';

/**
 * The name of the most severe policy threshold a score is currently below (`null`: none). Kept with
 * the score because hysteresis needs it: a score leaves a band only once it is back above the
 * threshold plus the hysteresis margin.
 */
export const bandSchema = z.string().min(1).max(64).nullable();

export const vendorScoreSchema = z.strictObject({
  vendorId: entityIdSchema,
  score: trustScoreSchema,
  band: bandSchema,
  /** Factors attributed to this vendor that count at `at`. */
  factorCount: z.number().int().nonnegative(),
});
export type VendorScore = z.infer<typeof vendorScoreSchema>;

/** A customer's trust signal at one instant: overall and per vendor, under one policy version. */
export const scoreSummarySchema = z.strictObject({
  customerId: entityIdSchema,
  at: isoTimestampSchema,
  overall: z.strictObject({ score: trustScoreSchema, band: bandSchema }),
  vendors: z.array(vendorScoreSchema).max(1000),
  /** Factors that count at `at` (occurred, not resolved, not decayed to nothing). */
  factorCount: z.number().int().nonnegative(),
  policyVersion: policyVersionSchema,
});
export type ScoreSummary = z.infer<typeof scoreSummarySchema>;
