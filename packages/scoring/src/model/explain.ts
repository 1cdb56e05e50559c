import type { Factor } from '@trustwatch/schemas';
import type { Policy } from '../policy/policy-schema.js';
import { factorLoads, scoreFromLoads } from './score.js';
import type { ScoreScope } from './weight.js';

/** The points one factor takes off a score, and why. */
export interface Attribution {
  readonly factorId: string;
  readonly kind: Factor['kind'];
  readonly vendorId?: string;
  readonly summary: string;
  /** Share of the baseline the factor alone would take off at `t`. */
  readonly weight: number;
  /** Points of the gap between baseline and score attributed to this factor. */
  readonly points: number;
}

/** A score and the factors behind every point of its gap to the baseline, largest first. */
export interface Explanation {
  readonly baseline: number;
  readonly score: number;
  /** `baseline - score`; equals the sum of `points` over `factors` up to float rounding. */
  readonly gap: number;
  readonly factors: readonly Attribution[];
}

/**
 * Explains a score: the gap `baseline - score` is split among the factors in proportion to their log
 * loads `-ln(1 - weight_i)`. Since `score = baseline * exp(-sum load)`, the loads add up exactly in log
 * space, so the split does not depend on the order factors are listed in (unlike sequential
 * attribution), every factor gets a share that grows with its weight, and the shares sum to the gap.
 */
export function explain(
  factors: readonly Factor[],
  t: string | number,
  policy: Policy,
  scope: ScoreScope = { level: 'overall' },
): Explanation {
  const loads = factorLoads(factors, t, policy, scope);
  const score = scoreFromLoads(loads, policy);
  const gap = policy.baseline - score;
  let total = 0;
  for (const { load } of loads) total += load;
  const attributions = loads.map(({ factor, weight, load }) => ({
    factorId: factor.id,
    kind: factor.kind,
    ...(factor.scope.level === 'entity' ? { vendorId: factor.scope.vendorId } : {}),
    summary: factor.summary,
    weight,
    points: total > 0 ? (gap * load) / total : 0,
  }));
  attributions.sort((a, b) => b.points - a.points || (a.factorId < b.factorId ? -1 : 1));
  return { baseline: policy.baseline, score, gap, factors: attributions };
}
