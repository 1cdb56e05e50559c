import { z } from 'zod';
import { defineEvent } from '../registry/define-event.js';
import { factorKindSchema } from './factor-kind.js';
import {
  entityIdSchema,
  eventIdListSchema,
  evidenceUrlSchema,
  isoTimestampSchema,
  outletSchema,
  policyVersionSchema,
  summaryTextSchema,
  trustScoreSchema,
} from './primitives.js';

const scoreMoveSchema = z.strictObject({ before: trustScoreSchema, after: trustScoreSchema });

/** Where a threshold was crossed: the overall score or one vendor's. */
export const crossingScopeSchema = z.discriminatedUnion('level', [
  z.strictObject({ level: z.literal('overall') }),
  z.strictObject({ level: z.literal('vendor'), vendorId: entityIdSchema }),
]);
export type CrossingScope = z.infer<typeof crossingScopeSchema>;

export const thresholdCrossingSchema = z.strictObject({
  /** The policy threshold's name, e.g. `warning`. */
  threshold: z.string().min(1).max(64),
  /** Its value in score points. */
  value: trustScoreSchema,
  direction: z.enum(['down', 'up']),
  scope: crossingScopeSchema,
});
export type ThresholdCrossing = z.infer<typeof thresholdCrossingSchema>;

/** A factor behind the change, with the points it now takes off the overall score. */
export const factorChangeSchema = z.strictObject({
  id: entityIdSchema,
  kind: factorKindSchema,
  change: z.enum(['added', 'reassessed', 'resolved', 'decayed']),
  vendorId: entityIdSchema.optional(),
  summary: summaryTextSchema,
  /** Score points this factor takes off the overall score after the change (0 when resolved). */
  contribution: z.number().min(0).max(100),
  /** Credibility of the factor after the change, so alert rules need not look it up. */
  credibility: z.number().min(0).max(1).optional(),
  /** CVSS base score of an advisory factor, so alert rules can apply a severity floor. */
  cvssBaseScore: z.number().min(0).max(10).optional(),
});
export type FactorChange = z.infer<typeof factorChangeSchema>;

export const evidenceLinkSchema = z.strictObject({
  url: evidenceUrlSchema,
  outlet: outletSchema.optional(),
});

/** A material move in one customer's trust: what moved, why, and which thresholds it crossed. */
export const trustChangedSchema = z.strictObject({
  customerId: entityIdSchema,
  at: isoTimestampSchema,
  overall: scoreMoveSchema,
  vendors: z.array(z.strictObject({ vendorId: entityIdSchema, ...scoreMoveSchema.shape })).max(1000),
  factors: z.array(factorChangeSchema).max(200),
  /** Factors left out of `factors` to keep the record small; the store's feed has them all. */
  omittedFactorCount: z.number().int().nonnegative(),
  crossings: z.array(thresholdCrossingSchema).max(100),
  evidence: z.array(evidenceLinkSchema).max(200),
  policyVersion: policyVersionSchema,
  /** Input events that caused this change; empty for a change caused by decay alone. */
  causeEventIds: eventIdListSchema,
});
export type TrustChanged = z.infer<typeof trustChangedSchema>;

export const trustChangedEvent = defineEvent({
  type: 'com.trustwatch.trust.changed.v1',
  description: "A customer's trust score moved materially, or a new factor appeared; keyed by customer id.",
  schema: trustChangedSchema,
  partitionKey: (data) => data.customerId,
});
