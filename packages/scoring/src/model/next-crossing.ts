import type { Factor, ScoreSummary } from '@trustwatch/schemas';
import type { Policy } from '../policy/policy-schema.js';
import { credibilityAt } from './credibility.js';
import { normalizeFactors } from './factor-set.js';
import { HOUR_MS, toMillis } from './instant.js';
import { scoreAt } from './score.js';
import { effectiveExposure, inScope, isActiveAt, type ScoreScope } from './weight.js';

/** Precision of the scheduled instant: a re-evaluation one second late is harmless, one early is wasted. */
const PRECISION_MS = 1000;
const MAX_SETTLE_STEPS = 5;

/**
 * The next instant after `summary.at` at which decay alone lifts a score out of its band (back above
 * the band's threshold plus the hysteresis margin), overall or for any vendor; `null` when none will
 * within the policy's scheduling horizon (for example because a persistent factor holds it down).
 *
 * The projection uses what is known at `summary.at`: factors active then, with their credibility then.
 * With nothing new, every weight only decays, so each score is non-decreasing in time and bisection
 * finds the first second at which it reaches its target; that second is then checked with `scoreAt`.
 */
export function nextCrossingAt(
  factors: readonly Factor[],
  summary: ScoreSummary,
  policy: Policy,
): string | null {
  const from = toMillis(summary.at);
  const known = normalizeFactors(factors)
    .filter((f) => f.customerId === summary.customerId && isActiveAt(f, from))
    .map((f): Factor => {
      // A resolution or an answer after `from` is not known at `from`.
      const { resolvedAt: _later, ...rest } = f;
      const reassessments = f.reassessments.filter((r) => toMillis(r.at) <= from);
      return { ...rest, status: 'active', reassessments };
    });
  const targets: { scope: ScoreScope; band: string | null }[] = [
    { scope: { level: 'overall' }, band: summary.overall.band },
    ...summary.vendors.map((v) => ({
      scope: { level: 'vendor', vendorId: v.vendorId } as const,
      band: v.band,
    })),
  ];
  let earliest: number | null = null;
  for (const { scope, band } of targets) {
    const threshold = policy.thresholds.find((t) => t.name === band);
    if (threshold === undefined) continue;
    const target = threshold.value + policy.hysteresis;
    const instant = firstSecondAtLeast(known, from, target, policy, scope);
    if (instant !== null && (earliest === null || instant < earliest)) earliest = instant;
  }
  return earliest === null ? null : new Date(earliest).toISOString();
}

interface Decaying {
  /** Weight at occurrence, before the cap: kind weight x severity x credibility x exposure. */
  readonly amplitude: number;
  readonly occurredAt: number;
  /** `null`: does not decay. */
  readonly halfLifeMs: number | null;
}

function firstSecondAtLeast(
  factors: readonly Factor[],
  from: number,
  target: number,
  policy: Policy,
  scope: ScoreScope,
): number | null {
  const terms: Decaying[] = factors
    .filter((f) => inScope(f, scope))
    .map((f) => {
      const halfLife = policy.kinds[f.kind].halfLifeHours;
      const exposure = scope.level === 'overall' ? f.exposure : f.vendorExposure;
      return {
        amplitude:
          policy.kinds[f.kind].weight *
          f.severity *
          credibilityAt(f, from, policy) *
          effectiveExposure(exposure, policy),
        occurredAt: toMillis(f.occurredAt),
        halfLifeMs: halfLife === null ? null : halfLife * HOUR_MS,
      };
    });
  const projected = (t: number): number => {
    let total = 0;
    for (const term of terms) {
      const decay = term.halfLifeMs === null ? 1 : 2 ** (-Math.max(0, t - term.occurredAt) / term.halfLifeMs);
      total += -Math.log1p(-Math.min(policy.maxWeight, term.amplitude * decay));
    }
    return policy.baseline * Math.exp(-total);
  };
  let lo = from;
  let hi = from + policy.schedulingHorizonHours * HOUR_MS;
  if (projected(hi) < target) return null;
  while (hi - lo > PRECISION_MS) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (projected(mid) >= target) hi = mid;
    else lo = mid;
  }
  // Settle on whole seconds with the exact score, which may differ from the projection by rounding.
  const exact = (t: number): number => scoreAt(factors, t, policy, scope);
  let second = Math.max(Math.ceil(hi / PRECISION_MS) * PRECISION_MS, from);
  // Projection and exact score agree to rounding, so a few steps settle it; more means no crossing.
  for (let step = 0; step < MAX_SETTLE_STEPS && exact(second) < target; step += 1) second += PRECISION_MS;
  if (exact(second) < target) return null;
  for (let step = 0; step < MAX_SETTLE_STEPS; step += 1) {
    if (second - PRECISION_MS < from || exact(second - PRECISION_MS) < target) break;
    second -= PRECISION_MS;
  }
  return second;
}
