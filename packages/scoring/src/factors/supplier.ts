import { factorId, type FactorKind, type SharedFactor } from '@trustwatch/schemas';
import type { Policy } from '../policy/policy-schema.js';
import { severityFor } from './policy-terms.js';

/** A change in one supplier's relation to the vendors buying from it. */
export interface SupplierChange {
  readonly eventId: string;
  readonly supplierId: string;
  /** Every vendor that buys the concerned components from this supplier. */
  readonly vendorIds: readonly string[];
  readonly change: 'added' | 'removed' | 'relocated';
  /** The supplier's country when added, or the country it left when relocated. */
  readonly fromCountry?: string;
  /** The country it moved to, or where a new supplier produces. */
  readonly toCountry?: string;
  readonly occurredAt: string;
  readonly urls?: readonly string[];
  readonly summary: string;
}

const KIND: Record<SupplierChange['change'], FactorKind> = {
  added: 'supplier_added',
  removed: 'supplier_removed',
  relocated: 'supplier_relocation',
};

/**
 * The shared factors a supplier change produces: one per vendor buying from the supplier (each vendor's
 * score carries its own copy, bound later to each customer's exposure). Severity comes from the
 * policy's country-risk table: a relocation is rated by the rise in risk, so a move to a safer country
 * (CN -> TW) produces no factor at all. Ids come from the supplier, vendor, countries and date, so a
 * re-sent event is one factor.
 */
export function supplierFactors(change: SupplierChange, policy: Policy): SharedFactor[] {
  const kind = KIND[change.change];
  const details = {
    ...(change.fromCountry === undefined ? {} : { fromCountry: change.fromCountry }),
    ...(change.toCountry === undefined ? {} : { toCountry: change.toCountry }),
  };
  const severity = severityFor(kind, details, policy);
  if (severity <= 0) return [];
  return [...new Set(change.vendorIds)].sort().map((vendorId) => ({
    id: factorId(
      kind,
      null,
      change.supplierId,
      vendorId,
      change.fromCountry ?? '',
      change.toCountry ?? '',
      change.occurredAt,
    ),
    kind,
    scope: { level: 'entity', entity: { kind: 'supplier', id: change.supplierId }, vendorId },
    severity,
    credibility: policy.credibility.observed,
    occurredAt: change.occurredAt,
    halfLifeHours: policy.kinds[kind].halfLifeHours,
    status: 'active',
    evidence: { eventIds: [change.eventId], urls: [...(change.urls ?? [])], outlets: [] },
    reassessments: [],
    details,
    summary: change.summary,
  }));
}
