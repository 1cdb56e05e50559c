import type { Factor, ScoreSummary } from '@trustwatch/schemas';
import type { Policy } from '../policy/policy-schema.js';
import { credibilityAt } from './credibility.js';
import { normalizeFactors } from './factor-set.js';
import { HOUR_MS, toMillis } from './instant.js';
import { loadOf, scoreFromLoads, type FactorLoad } from './score.js';
import { decayAt, effectiveExposure, isActiveAt, scopedWeight } from './weight.js';

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
      if (
        f.status === 'active' &&
        f.resolvedAt === undefined &&
        f.reassessments.every((r) => toMillis(r.at) <= from)
      )
        return f;
      const { resolvedAt: _later, ...rest } = f;
      const reassessments = f.reassessments.filter((r) => toMillis(r.at) <= from);
      return { ...rest, status: 'active', reassessments };
    });
  const { overall, byVendor } = decayingTerms(known, from, policy);
  const targets: { terms: readonly Decaying[]; band: string | null }[] = [
    { terms: overall, band: summary.overall.band },
    ...summary.vendors.map((v) => ({ terms: byVendor.get(v.vendorId) ?? [], band: v.band })),
  ];
  let earliest: number | null = null;
  for (const { terms, band } of targets) {
    const threshold = policy.thresholds.find((t) => t.name === band);
    if (threshold === undefined) continue;
    const target = threshold.value + policy.hysteresis;
    const instant = firstSecondAtLeast(terms, from, target, policy);
    if (instant !== null && (earliest === null || instant < earliest)) earliest = instant;
  }
  return earliest === null ? null : new Date(earliest).toISOString();
}

/** A known factor's part in one scope's projection, in id order as `scoreAt` sums them. */
interface Decaying {
  readonly factor: Factor;
  /** `kindWeight * severity * credibility(from)`: the first terms of `unscaledWeight`, in its order. */
  readonly base: number;
  /** The scope's exposure of the factor (overall or vendor). */
  readonly exposure: number;
  /** Weight at occurrence, before the cap: kind weight x severity x credibility x exposure. */
  readonly amplitude: number;
  readonly occurredAt: number;
  /** `null`: does not decay. */
  readonly halfLifeMs: number | null;
}

/**
 * The terms of the overall scope and of each vendor's (the factors `inScope` of it), in one pass. Every
 * instant probed is at or after `from`, where each known factor is active and has heard every answer it
 * keeps: its credibility is the one at `from` throughout, so it is computed once.
 */
function decayingTerms(
  known: readonly Factor[],
  from: number,
  policy: Policy,
): { overall: Decaying[]; byVendor: Map<string, Decaying[]> } {
  const overall: Decaying[] = [];
  const byVendor = new Map<string, Decaying[]>();
  const term = (factor: Factor, base: number, exposure: number): Decaying => {
    const halfLife = policy.kinds[factor.kind].halfLifeHours;
    return {
      factor,
      base,
      exposure,
      amplitude: base * effectiveExposure(exposure, policy),
      occurredAt: toMillis(factor.occurredAt),
      halfLifeMs: halfLife === null ? null : halfLife * HOUR_MS,
    };
  };
  for (const factor of known) {
    const base = policy.kinds[factor.kind].weight * factor.severity * credibilityAt(factor, from, policy);
    overall.push(term(factor, base, factor.exposure));
    if (factor.scope.level !== 'entity') continue;
    const group = byVendor.get(factor.scope.vendorId);
    const vendorTerm = term(factor, base, factor.vendorExposure);
    if (group === undefined) byVendor.set(factor.scope.vendorId, [vendorTerm]);
    else group.push(vendorTerm);
  }
  return { overall, byVendor };
}

function firstSecondAtLeast(
  terms: readonly Decaying[],
  from: number,
  target: number,
  policy: Policy,
): number | null {
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
  // Settle on whole seconds with the exact score, which may differ from the projection by rounding. It
  // is `scoreAt` over the known factors: they are sorted by id, unique, active and of fixed credibility
  // from `from` on, so only decay is recomputed, with the same operations in the same order.
  const exact = (t: number): number => {
    const loads: FactorLoad[] = [];
    for (const { factor, base, exposure } of terms) {
      const weight = scopedWeight(base * decayAt(factor, t, policy), exposure, policy);
      if (weight > 0) loads.push(loadOf(factor, weight));
    }
    return scoreFromLoads(loads, policy);
  };
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
