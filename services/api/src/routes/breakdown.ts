import { factorSchema, type Factor } from '@trustwatch/schemas';
import { explain, type Policy, type ScoreScope } from '@trustwatch/scoring';
import { z } from 'zod';

const attributedFactorSchema = z.strictObject({
  factor: factorSchema,
  /** Score points this factor takes off at the instant (0 when it does not count then). */
  points: z.number(),
  /** Share of the baseline this factor alone would take off. */
  weight: z.number(),
});

const scoredSchema = z.strictObject({
  score: z.number(),
  baseline: z.number(),
  factors: z.array(attributedFactorSchema),
});

export const breakdownSchema = z.strictObject({
  customerId: z.string(),
  at: z.string(),
  policyVersion: z.string(),
  overall: scoredSchema,
  vendors: z.array(scoredSchema.extend({ vendorId: z.string() })),
});
export type Breakdown = z.infer<typeof breakdownSchema>;

function scored(
  factors: readonly Factor[],
  at: number,
  policy: Policy,
  scope: ScoreScope,
): z.infer<typeof scoredSchema> {
  const explanation = explain(factors, at, policy, scope);
  const byId = new Map(explanation.factors.map((a) => [a.factorId, a]));
  const inScope =
    scope.level === 'overall'
      ? factors
      : factors.filter((f) => f.scope.level === 'entity' && f.scope.vendorId === scope.vendorId);
  return {
    score: explanation.score,
    baseline: explanation.baseline,
    factors: inScope.map((factor) => ({
      factor,
      points: byId.get(factor.id)?.points ?? 0,
      weight: byId.get(factor.id)?.weight ?? 0,
    })),
  };
}

/**
 * Explains a customer's trust at `at` under the active policy: overall and per vendor, every factor
 * with its evidence and the points it takes off (recomputed from the factors, so it always adds up).
 */
export function breakdown(
  customerId: string,
  factors: readonly Factor[],
  at: number,
  policy: Policy,
): Breakdown {
  const vendorIds = [
    ...new Set(factors.flatMap((f) => (f.scope.level === 'entity' ? [f.scope.vendorId] : []))),
  ].sort();
  return {
    customerId,
    at: new Date(at).toISOString(),
    policyVersion: policy.version,
    overall: scored(factors, at, policy, { level: 'overall' }),
    vendors: vendorIds.map((vendorId) => ({
      vendorId,
      ...scored(factors, at, policy, { level: 'vendor', vendorId }),
    })),
  };
}
