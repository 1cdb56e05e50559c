import type { Factor } from '@trustwatch/schemas';
import type { Policy } from '../policy/policy-schema.js';
import { normalizeFactors } from './factor-set.js';
import { toMillis } from './instant.js';
import { factorWeight, type ScoreScope } from './weight.js';

/** One factor's part in a score at an instant. */
export interface FactorLoad {
  readonly factor: Factor;
  /** Share of the baseline the factor alone would take off, in [0, maxWeight]. */
  readonly weight: number;
  /** `-ln(1 - weight)`: the factor's additive part of the score's log gap. */
  readonly load: number;
}

/**
 * The loads of every factor in a scope at `t`, deduplicated by id and sorted by id. Factors that do not
 * count (out of scope, not yet occurred, resolved, or zero weight) are left out.
 */
export function factorLoads(
  factors: readonly Factor[],
  t: string | number,
  policy: Policy,
  scope: ScoreScope,
): FactorLoad[] {
  const at = toMillis(t);
  const loads: FactorLoad[] = [];
  for (const factor of normalizeFactors(factors)) {
    const weight = factorWeight(factor, at, policy, scope);
    if (weight > 0) loads.push(loadOf(factor, weight));
  }
  return loads;
}

/** A factor's load from its weight (weights stay below 1, so the load is finite). */
export function loadOf(factor: Factor, weight: number): FactorLoad {
  return { factor, weight, load: -Math.log1p(-weight) };
}

/**
 * The trust score in a scope at `t`: `baseline * prod(1 - weight_i)`, computed as
 * `baseline * exp(-sum(load_i))` over factors sorted by id. Each weight is below 1, so the score is in
 * (0, baseline]; each factor can only lower it; and the product does not depend on arrival order.
 */
export function scoreAt(
  factors: readonly Factor[],
  t: string | number,
  policy: Policy,
  scope: ScoreScope = { level: 'overall' },
): number {
  return scoreFromLoads(factorLoads(factors, t, policy, scope), policy);
}

/** The score from loads in the order given (callers pass them sorted by factor id). */
export function scoreFromLoads(loads: readonly FactorLoad[], policy: Policy): number {
  let total = 0;
  for (const { load } of loads) total += load;
  return policy.baseline * Math.exp(-total);
}
