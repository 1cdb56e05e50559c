import type { Factor, ScoreSummary } from '@trustwatch/schemas';
import { nextCrossingAt, type Policy } from '@trustwatch/scoring';
import { rescore, type RescoreInput, type Rescored } from './rescore.js';

/** A rescored customer with the instant its decaying score is next due to leave its band. */
export interface Scored extends Rescored {
  /** `nextCrossingAt` of the new summary, in ms; `null` when no crossing is due. */
  readonly nextDue: number | null;
}

/**
 * Rescoring for a fan-out. Customers of one vendor often hold the same factors with the same exposure
 * and the same previous summary, differing only in their id; their scores then differ only in that id.
 * The cache computes each distinct state once and relabels the result, which is exact because every
 * input of `rescore` and `nextCrossingAt` that differs between the event's customers is in the key.
 * Live for one event only: the event's causes and shared factors are not in the key.
 *
 * Customers in different states are the common case, so the full key is built only for customers that
 * share an outline (a few numbers any two customers in the same state share) with one seen before.
 */
export interface RescoreCache {
  (input: RescoreInput): Scored;
  /** Customers whose full key was built, and those answered from the cache. */
  readonly counts: { keyed: number; reused: number };
}

export function createRescoreCache(policy: Policy): RescoreCache {
  const byOutline = new Map<
    string,
    { readonly input: RescoreInput; readonly scored: Scored; key?: string }[]
  >();
  if (currentTable.chars > TABLE_MAX_CHARS) currentTable = { ids: new Map(), chars: 0 };
  // One table for the cache's whole life, so its numbers never change meaning under it.
  const table = currentTable;
  const counts = { keyed: 0, reused: 0 };
  const cache = (input: RescoreInput): Scored => {
    // A customer's own factors carry its id in theirs, so its state can never equal another's: keying
    // it would only stringify every factor it holds (hundreds, on every news item that reaches it).
    if (holdsOwnFactors(input)) return scoreOnce(input, policy);
    const outline = outlineOf(input);
    const seen = byOutline.get(outline);
    if (seen === undefined) {
      const scored = scoreOnce(input, policy);
      byOutline.set(outline, [{ input, scored }]);
      return scored;
    }
    const key = stateKey(input, table);
    counts.keyed += 1;
    for (const entry of seen) {
      entry.key ??= stateKey(entry.input, table);
      if (entry.key === key) {
        counts.reused += 1;
        return relabel(entry.scored, input.snapshot.customerId);
      }
    }
    const scored = scoreOnce(input, policy);
    seen.push({ input, scored, key });
    return scored;
  };
  return Object.assign(cache, { counts });
}

function holdsOwnFactors(input: RescoreInput): boolean {
  return input.factors.length > 0 || input.snapshot.factors.some((f) => f.origin === 'customer');
}

/** Rescoring without the cache: for an event touching one customer, the key would cost more than it saves. */
export function scoreOnce(input: RescoreInput, policy: Policy): Scored {
  const result = rescore(input);
  const due = nextCrossingAt(result.factors, result.evaluation.summary, policy);
  return { ...result, nextDue: due === null ? null : Date.parse(due) };
}

const ANONYMOUS = '';

/**
 * Numbers for anonymous texts (a factor or summary as JSON without its customer id): equal numbers in
 * one table mean equal texts, so a key names a state in a few bytes per factor. Shared by the caches of
 * successive events, since a customer's factors come back for every event that touches it; replaced by
 * a fresh table once it holds this many characters.
 */
interface TextTable {
  readonly ids: Map<string, number>;
  chars: number;
}
const TABLE_MAX_CHARS = 8_000_000;
let currentTable: TextTable = { ids: new Map(), chars: 0 };

/**
 * The number of values that cannot change (deeply frozen, as the memory store hands out what it stores),
 * so each is stringified once per table rather than once per event.
 */
const frozenIds = new WeakMap<object, { readonly table: TextTable; readonly id: number }>();

function textId(value: Factor | ScoreSummary, table: TextTable): number {
  const known = frozenIds.get(value);
  if (known?.table === table) return known.id;
  const text = JSON.stringify({ ...value, customerId: ANONYMOUS });
  let id = table.ids.get(text);
  if (id === undefined) {
    id = table.ids.size;
    table.ids.set(text, id);
    table.chars += text.length;
  }
  if (isDeepFrozen(value)) frozenIds.set(value, { table, id });
  return id;
}

// Parts of the key that are cheap to read: equal keys have equal outlines.
function outlineOf(input: RescoreInput): string {
  const { snapshot } = input;
  const summary = snapshot.summary;
  return JSON.stringify([
    input.at,
    snapshot.factors.length,
    summary === null ? null : [summary.at, summary.overall.score, summary.factorCount],
    input.factors.length,
    input.exposures.map((x) => [x.factorId, x.exposure, x.vendorExposure]),
  ]);
}

// Everything but the customer id; factors and the summary by the number of their anonymous text.
function stateKey(input: RescoreInput, table: TextTable): string {
  const { snapshot } = input;
  const id = (value: Factor | ScoreSummary): number => textId(value, table);
  return JSON.stringify([
    input.at,
    input.decayOnly === true,
    snapshot.factors.map(id),
    snapshot.summary === null ? null : id(snapshot.summary),
    input.factors.map(id),
    input.exposures.map((x) => ({ ...x, customerId: ANONYMOUS })),
  ]);
}

function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

function relabel(scored: Scored, customerId: string): Scored {
  const { evaluation, change } = scored;
  return {
    factors: scored.factors.map((f) => ({ ...f, customerId })),
    evaluation: { ...evaluation, summary: { ...evaluation.summary, customerId } },
    change: change === null ? null : { ...change, customerId },
    nextDue: scored.nextDue,
  };
}
