import { bandOf, explain, scoreAt, type Policy } from '@trustwatch/scoring';
import type { TrustStore } from '@trustwatch/store';

/** One vendor's score within a customer at the end of a run. */
export interface VendorFinal {
  readonly vendorId: string;
  readonly score: number;
  readonly band: string | null;
}

/** A customer's score at the end of a run, recomputed from its factors at that instant. */
export interface FinalScore {
  readonly customerId: string;
  readonly at: string;
  readonly score: number;
  readonly band: string | null;
  /** Every vendor of the customer's fleet, including those no factor touches (at the baseline). */
  readonly vendors: readonly VendorFinal[];
  /** Factors still taking at least a tenth of a point off the overall score at `at`. */
  readonly activeFactors: number;
}

/**
 * Final scores at instant `at`: recomputed from the stored factors rather than read from the last
 * stored summary, so decay since a customer's last change is counted (a score can always be recomputed
 * from its factors, at any instant). Bands keep the stored band as the previous one, so hysteresis holds.
 */
export async function finalScores(
  store: TrustStore,
  customerIds: readonly string[],
  at: number,
  policy: Policy,
): Promise<FinalScore[]> {
  const out: FinalScore[] = [];
  for (const customerId of customerIds) {
    const [factors, fleet, summary] = await Promise.all([
      store.getFactors(customerId),
      store.getFleet(customerId),
      store.getSummary(customerId),
    ]);
    const explanation = explain(factors, at, policy);
    const score = explanation.score;
    const vendorIds = [...new Set(fleet.map((a) => a.vendor))].sort();
    const vendors = vendorIds.map((vendorId) => {
      const vendorScore = scoreAt(factors, at, policy, { level: 'vendor', vendorId });
      const previous = summary?.vendors.find((v) => v.vendorId === vendorId)?.band ?? null;
      return { vendorId, score: vendorScore, band: bandOf(vendorScore, policy, previous) };
    });
    out.push({
      customerId,
      at: new Date(at).toISOString(),
      score,
      band: bandOf(score, policy, summary?.overall.band ?? null),
      vendors,
      // Below a tenth of a point a decayed factor no longer shows in a score printed to one decimal.
      activeFactors: explanation.factors.filter((f) => f.points >= 0.05).length,
    });
  }
  return out;
}
