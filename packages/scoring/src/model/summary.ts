import type { Factor, ScoreSummary, ThresholdCrossing, VendorScore } from '@trustwatch/schemas';
import type { Policy } from '../policy/policy-schema.js';
import { isMaterial, moveBand } from './bands.js';
import { toMillis } from './instant.js';
import { normalizeFactors } from './factor-set.js';
import { loadOf, scoreFromLoads } from './score.js';
import { scopedWeight, unscaledWeight, type ScoreScope } from './weight.js';

/** What to score: one customer's factors at an instant, and its previous summary for hysteresis. */
export interface SummarizeInput {
  readonly customerId: string;
  readonly factors: readonly Factor[];
  /** ISO instant of the evaluation. */
  readonly at: string;
  readonly policy: Policy;
  /** The summary before this evaluation: its bands drive hysteresis and crossings. */
  readonly previous?: ScoreSummary;
  /** Vendors the customer runs, so a vendor without factors is reported at the baseline too. */
  readonly vendorIds?: readonly string[];
}

/** A new summary, the thresholds crossed since `previous`, and whether the move is material. */
export interface Evaluation {
  readonly summary: ScoreSummary;
  readonly crossings: ThresholdCrossing[];
  /** True when any score moved by at least the policy's materiality, or a threshold was crossed. */
  readonly material: boolean;
}

/**
 * Scores one customer at `at`, overall and per vendor, under `policy`. Only the customer's own factors
 * count (shared factors arrive bound to its exposure). Re-scoring under a new policy is the same call
 * with the new policy and the stored factors: nothing is replayed.
 */
export function summarize(input: SummarizeInput): Evaluation {
  const { customerId, policy, previous } = input;
  const at = toMillis(input.at);
  // Normalise once and weigh each factor once; each scope then only scales by its exposure.
  const own = normalizeFactors(input.factors.filter((f) => f.customerId === customerId)).map((factor) => ({
    factor,
    unscaled: unscaledWeight(factor, at, policy),
  }));
  const overall = scoreScope(own, policy, { level: 'overall' });
  const overallMove = moveBand(previous?.overall.band ?? null, overall.score, policy, { level: 'overall' });
  const crossings = [...overallMove.crossings];
  let material = isMaterial(previous?.overall.score ?? policy.baseline, overall.score, policy);

  const vendorIds = new Set(input.vendorIds ?? []);
  const byVendor = new Map<string, Weighed[]>();
  for (const entry of own) {
    if (entry.factor.scope.level !== 'entity') continue;
    const vendorId = entry.factor.scope.vendorId;
    vendorIds.add(vendorId);
    const group = byVendor.get(vendorId);
    if (group === undefined) byVendor.set(vendorId, [entry]);
    else group.push(entry);
  }
  const vendors: VendorScore[] = [];
  for (const vendorId of [...vendorIds].sort()) {
    const scope = { level: 'vendor', vendorId } as const;
    const scored = scoreScope(byVendor.get(vendorId) ?? [], policy, scope);
    const before = previous?.vendors.find((v) => v.vendorId === vendorId);
    const move = moveBand(before?.band ?? null, scored.score, policy, scope);
    crossings.push(...move.crossings);
    material ||= isMaterial(before?.score ?? policy.baseline, scored.score, policy);
    vendors.push({ vendorId, score: scored.score, band: move.band, factorCount: scored.count });
  }
  const summary: ScoreSummary = {
    customerId,
    at: new Date(at).toISOString(),
    overall: { score: overall.score, band: overallMove.band },
    vendors,
    factorCount: overall.count,
    policyVersion: policy.version,
  };
  return { summary, crossings, material: material || crossings.length > 0 };
}

interface Weighed {
  readonly factor: Factor;
  readonly unscaled: number;
}

// Same formula and order as `scoreAt` (sorted by id, `scopedWeight`), so the numbers agree exactly.
function scoreScope(
  entries: readonly Weighed[],
  policy: Policy,
  scope: ScoreScope,
): { score: number; count: number } {
  const loads = [];
  for (const { factor, unscaled } of entries) {
    const exposure = scope.level === 'overall' ? factor.exposure : factor.vendorExposure;
    const weight = unscaled > 0 ? scopedWeight(unscaled, exposure, policy) : 0;
    if (weight > 0) loads.push(loadOf(factor, weight));
  }
  const count = loads.filter((l) => l.weight >= policy.negligibleWeight).length;
  return { score: scoreFromLoads(loads, policy), count };
}
