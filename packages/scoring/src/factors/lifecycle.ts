import type { SharedFactor } from '@trustwatch/schemas';
import { admiraltyCredibility } from '../policy/admiralty.js';
import type { Policy } from '../policy/policy-schema.js';
import { severityFor } from './policy-terms.js';

type FactorCore = Pick<
  SharedFactor,
  'kind' | 'severity' | 'credibility' | 'halfLifeHours' | 'details' | 'evidence' | 'status' | 'occurredAt'
> & { resolvedAt?: string | undefined };

/**
 * Marks a factor resolved at `at` (an upgrade out of an advisory's range, a verified image). It keeps
 * counting before `at`, so as-of views of the past do not change. Idempotent: an earlier resolution
 * stands; a resolution before the factor occurred is moved to its occurrence.
 */
export function resolveFactor<T extends FactorCore>(factor: T, at: string): T {
  if (factor.resolvedAt !== undefined && Date.parse(factor.resolvedAt) <= Date.parse(at)) return factor;
  const resolvedAt = Date.parse(at) < Date.parse(factor.occurredAt) ? factor.occurredAt : at;
  return { ...factor, status: 'resolved', resolvedAt };
}

/**
 * A stored factor re-rated under another policy, without its event: severity from its recorded details
 * (country risk, CVSS) or the kind default, initial credibility from its admiralty grade (news) or the
 * policy's first-hand credibility, half-life from the kind. Its evidence and reassessments are kept.
 */
export function rerateFactor<T extends FactorCore>(factor: T, policy: Policy): T {
  const grade = factor.evidence.admiralty;
  return {
    ...factor,
    severity: severityFor(factor.kind, factor.details, policy),
    credibility: grade === undefined ? policy.credibility.observed : admiraltyCredibility(grade),
    halfLifeHours: policy.kinds[factor.kind].halfLifeHours,
  };
}
