import type { CrossingScope, ThresholdCrossing } from '@trustwatch/schemas';
import type { Policy } from '../policy/policy-schema.js';

/**
 * The band a score is in, with hysteresis. Thresholds are listed from the highest value down; the band
 * is the most severe threshold the score is below, named after it (`null`: above them all).
 *
 * Going down is immediate: a score below a threshold's value is in its band. Going back up needs the
 * score to reach the value plus `hysteresis`: until then it stays in the band it was in. Formally, with
 * `down` = thresholds the score is below and `up` = thresholds the score is below `value + hysteresis`,
 * the band depth is `previous` clamped to `[down, up]`; without a previous band it is `down`.
 */
export function bandOf(score: number, policy: Policy, previousBand: string | null = null): string | null {
  return bandName(bandDepth(score, policy, previousBand), policy);
}

function bandDepth(score: number, policy: Policy, previousBand: string | null): number {
  const down = policy.thresholds.filter((t) => score < t.value).length;
  const up = policy.thresholds.filter((t) => score < t.value + policy.hysteresis).length;
  const previous = depthOf(previousBand, policy) ?? down;
  return Math.min(up, Math.max(down, previous));
}

function depthOf(band: string | null, policy: Policy): number | undefined {
  if (band === null) return 0;
  const index = policy.thresholds.findIndex((t) => t.name === band);
  // A band the policy no longer has (policy change): fall back to the score alone.
  return index === -1 ? undefined : index + 1;
}

function bandName(depth: number, policy: Policy): string | null {
  return depth === 0 ? null : (policy.thresholds[depth - 1]?.name ?? null);
}

/** A score's new band and every threshold it crossed on the way there. */
export interface BandMove {
  readonly band: string | null;
  readonly crossings: ThresholdCrossing[];
}

/**
 * Moves a score from its previous band to the band of its new value and lists each threshold crossed,
 * in the order crossed (several at once when a score falls from 85 to 35). Nothing is crossed while the
 * score stays within the hysteresis margin.
 */
export function moveBand(
  previousBand: string | null,
  score: number,
  policy: Policy,
  scope: CrossingScope,
): BandMove {
  const from = depthOf(previousBand, policy) ?? 0;
  const to = bandDepth(score, policy, previousBand);
  const crossings: ThresholdCrossing[] = [];
  if (to > from) {
    for (let depth = from + 1; depth <= to; depth += 1)
      crossings.push(crossing(depth, 'down', policy, scope));
  } else {
    for (let depth = from; depth > to; depth -= 1) crossings.push(crossing(depth, 'up', policy, scope));
  }
  return { band: bandName(to, policy), crossings };
}

function crossing(
  depth: number,
  direction: 'down' | 'up',
  policy: Policy,
  scope: CrossingScope,
): ThresholdCrossing {
  const threshold = policy.thresholds[depth - 1];
  if (threshold === undefined) throw new RangeError(`no threshold at depth ${depth}`);
  return { threshold: threshold.name, value: threshold.value, direction, scope };
}

/** Whether a move is worth a trust change record: at least `materiality` points either way. */
export function isMaterial(before: number, after: number, policy: Policy): boolean {
  return Math.abs(after - before) >= policy.materiality && after !== before;
}
