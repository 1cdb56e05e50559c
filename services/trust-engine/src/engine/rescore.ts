import {
  bindSharedFactor,
  type Factor,
  type FactorExposure,
  type SharedFactor,
  type TrustChanged,
} from '@trustwatch/schemas';
import { summarize, type Evaluation, type Policy } from '@trustwatch/scoring';
import type { CustomerSnapshot } from '@trustwatch/store';
import { describeChange } from './describe-change.js';

/** One customer's state plus what an event (or the passing of time) brings. */
export interface RescoreInput {
  readonly snapshot: CustomerSnapshot;
  readonly factors: readonly Factor[];
  readonly exposures: readonly FactorExposure[];
  /** New or reassessed shared factors, by id: re-bound wherever the customer is exposed to them. */
  readonly shared: ReadonlyMap<string, SharedFactor>;
  /** Evaluation instant (ms); never before the stored summary's, so a summary never goes back in time. */
  readonly at: number;
  readonly causeEventIds: readonly string[];
  readonly policy: Policy;
  /** True for a re-evaluation caused by time alone: the counting factors are reported as `decayed`. */
  readonly decayOnly?: boolean;
}

export interface Rescored {
  /** The customer's factors after the change, shared ones bound: what the score was computed from. */
  readonly factors: Factor[];
  readonly evaluation: Evaluation;
  /** The trust change to record and publish; `null` when the move is immaterial and no factor is new. */
  readonly change: TrustChanged | null;
}

/** The instant a customer is scored at: the event's, or later if its stored summary is already later. */
export function evaluationInstant(version: number, snapshot: CustomerSnapshot): number {
  const stored = snapshot.summary === null ? Number.NEGATIVE_INFINITY : Date.parse(snapshot.summary.at);
  return Math.max(version, stored);
}

/**
 * Pure core of the engine: the customer's factors after the event, its new score summary, and the trust
 * change worth publishing (material move, threshold crossed, or a new factor).
 */
export function rescore(input: RescoreInput): Rescored {
  const { snapshot, policy } = input;
  const factors = factorsAfter(input);
  const previous = snapshot.summary ?? undefined;
  const evaluation = summarize({
    customerId: snapshot.customerId,
    factors,
    at: new Date(input.at).toISOString(),
    policy,
    ...(previous === undefined ? {} : { previous, vendorIds: previous.vendors.map((v) => v.vendorId) }),
  });
  const known = new Map(snapshot.factors.map((f) => [f.id, f.occurredAt]));
  // A new occurrence under a known id (a slot flashed again with another unknown image) is news too.
  const hasNewFactor = input.decayOnly !== true && factors.some((f) => known.get(f.id) !== f.occurredAt);
  // Describing (attributing every point) is the costly part; only material changes are described.
  if (!evaluation.material && !hasNewFactor) return { factors, evaluation, change: null };
  const change = describeChange({
    before: snapshot.factors,
    after: factors,
    previous: snapshot.summary,
    evaluation,
    policy,
    causeEventIds: input.causeEventIds,
    decayOnly: input.decayOnly === true,
  });
  return { factors, evaluation, change };
}

function factorsAfter(input: RescoreInput): Factor[] {
  const { snapshot, shared } = input;
  const byId = new Map(snapshot.factors.map((f) => [f.id, f]));
  for (const factor of snapshot.factors) {
    const update = factor.origin === 'shared' ? shared.get(factor.id) : undefined;
    if (update !== undefined)
      byId.set(factor.id, bindSharedFactor(withStoredAnswers(update, factor), exposureOf(factor)));
  }
  for (const exposure of input.exposures) {
    const factor = shared.get(exposure.factorId);
    if (factor !== undefined)
      byId.set(factor.id, bindSharedFactor(withStoredAnswers(factor, byId.get(factor.id)), exposure));
  }
  for (const factor of input.factors) byId.set(factor.id, factor);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The plan's copy of a shared factor plus any answer (reassessment) the stored copy already has: another
 * instance may have answered the claim between this plan's read and this customer's snapshot. The store
 * keeps the answered copy (it is written at the later answer's time), so the score must count it too.
 * Time order, ties by id, as `answerClaim` keeps them.
 */
function withStoredAnswers(planned: SharedFactor, stored: Factor | undefined): SharedFactor {
  if (stored === undefined) return planned;
  const known = new Set(planned.reassessments.map((r) => r.id));
  const missing = stored.reassessments.filter((r) => !known.has(r.id));
  if (missing.length === 0) return planned;
  const reassessments = [...planned.reassessments, ...missing].sort((a, b) =>
    a.at === b.at ? (a.id < b.id ? -1 : 1) : Date.parse(a.at) - Date.parse(b.at),
  );
  return { ...planned, reassessments };
}

function exposureOf(factor: Factor): FactorExposure {
  return {
    factorId: factor.id,
    customerId: factor.customerId,
    exposure: factor.exposure,
    vendorExposure: factor.vendorExposure,
  };
}
