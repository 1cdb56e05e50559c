import type { FactorDetails, FactorKind } from '@trustwatch/schemas';
import type { Policy } from '../policy/policy-schema.js';

/** A country's risk under the policy; unrated countries get the policy default. */
export function countryRisk(country: string | undefined, policy: Policy): number | undefined {
  if (country === undefined) return undefined;
  return policy.countryRisk.table[country] ?? policy.countryRisk.default;
}

/**
 * The severity a policy gives a factor from the facts it records. Supplier factors are rated by
 * country risk: a new supplier by its country's risk, a relocation by the rise in risk (a move to a
 * safer country rates 0). An advisory is rated by CVSS base score / 10. Other kinds take the kind's
 * default severity. Re-rating a stored factor under a new policy uses the same function.
 */
export function severityFor(kind: FactorKind, details: FactorDetails | undefined, policy: Policy): number {
  const fallback = policy.kinds[kind].severity;
  if (kind === 'supplier_added') return countryRisk(details?.toCountry, policy) ?? fallback;
  if (kind === 'supplier_relocation') {
    const to = countryRisk(details?.toCountry, policy);
    if (to === undefined) return fallback;
    const from = countryRisk(details?.fromCountry, policy) ?? policy.countryRisk.default;
    return Math.max(0, to - from);
  }
  if (kind === 'advisory_exposure') return (details?.cvssBaseScore ?? policy.advisoryDefaultCvss) / 10;
  return fallback;
}

/** Share of a whole, clamped to [0, 1]; an empty whole has no share. */
export function shareOf(part: number, whole: number): number {
  if (!(whole > 0) || !(part > 0)) return 0;
  return Math.min(1, part / whole);
}
