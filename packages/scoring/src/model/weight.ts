import type { Factor } from '@trustwatch/schemas';
import type { Policy } from '../policy/policy-schema.js';
import { credibilityAt } from './credibility.js';
import { HOUR_MS, toMillis } from './instant.js';

/** Which score a weight is for: the customer's overall score, or one vendor's. */
export type ScoreScope = { level: 'overall' } | { level: 'vendor'; vendorId: string };

/**
 * Whether a factor is part of the picture at `t`: it has occurred and is not resolved yet. A factor
 * resolved at `r` counts strictly before `r`, so the as-of view at any past instant is exact.
 */
export function isActiveAt(factor: Factor, t: number): boolean {
  if (toMillis(factor.occurredAt) > t) return false;
  return factor.resolvedAt === undefined || t < toMillis(factor.resolvedAt);
}

/** The kind's half-life decay at `t`: 1 when it occurred, halving every half-life; 1 for ever when null. */
export function decayAt(factor: Factor, t: number, policy: Policy): number {
  const halfLife = policy.kinds[factor.kind].halfLifeHours;
  if (halfLife === null) return 1;
  const ageHours = Math.max(0, t - toMillis(factor.occurredAt)) / HOUR_MS;
  return 2 ** (-ageHours / halfLife);
}

/** Exposure as the score sees it: zero stays zero, anything else is lifted to at least the policy floor. */
export function effectiveExposure(exposure: number, policy: Policy): number {
  return exposure <= 0 ? 0 : policy.exposureFloor + (1 - policy.exposureFloor) * exposure;
}

/** Whether a factor belongs to a score at all (not yet asking whether it counts at some instant). */
export function inScope(factor: Factor, scope: ScoreScope): boolean {
  if (scope.level === 'overall') return true;
  return factor.scope.level === 'entity' && factor.scope.vendorId === scope.vendorId;
}

/**
 * The share of the baseline a factor takes off at `t` in a scope:
 * `kindWeight * severity * credibility(t) * exposure * decay(t)`, capped at `maxWeight` (< 1). Every
 * term is in [0, 1] and non-decreasing in severity, credibility and exposure; decay only shrinks it.
 * Zero when the factor is out of scope or not active at `t`.
 */
export function factorWeight(factor: Factor, t: string | number, policy: Policy, scope: ScoreScope): number {
  const at = toMillis(t);
  if (!inScope(factor, scope)) return 0;
  const exposure = scope.level === 'overall' ? factor.exposure : factor.vendorExposure;
  return scopedWeight(unscaledWeight(factor, at, policy), exposure, policy);
}

/**
 * The part of a factor's weight that is the same in every scope: `kindWeight * severity *
 * credibility(t) * decay(t)`, zero when not active at `t`. Computed once per factor when a customer is
 * scored overall and per vendor.
 */
export function unscaledWeight(factor: Factor, t: number, policy: Policy): number {
  if (!isActiveAt(factor, t)) return 0;
  return (
    policy.kinds[factor.kind].weight *
    factor.severity *
    credibilityAt(factor, t, policy) *
    decayAt(factor, t, policy)
  );
}

/** An unscaled weight scaled by a scope's exposure and capped: the one formula every score uses. */
export function scopedWeight(unscaled: number, exposure: number, policy: Policy): number {
  return Math.min(policy.maxWeight, unscaled * effectiveExposure(exposure, policy));
}
