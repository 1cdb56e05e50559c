import type { Factor, FactorExposure, ScoreSummary, SharedFactor } from '@trustwatch/schemas';
import type { StoredJson } from './stored-json.js';

/**
 * A customer's exposure to a shared factor, with the factor bound to it as last read: reused while the
 * shared factor's parsed value is the same object (neither it nor the exposure was rewritten since).
 */
export interface StoredExposure extends StoredJson<FactorExposure> {
  bound?: { readonly shared: SharedFactor; readonly factor: Factor };
}

/** One customer's slice of the memory adapter: the same data the Redis adapter keeps under `{customerId}`. */
export interface CustomerState {
  readonly factors: Map<string, StoredJson<Factor>>;
  readonly versions: Map<string, number>;
  readonly shared: Map<string, StoredExposure>;
  /**
   * The factors as last read, sorted, with the shared-factor entry each exposure (in `shared` order) was
   * bound to then; `null` once `factors` or `shared` is written. See `factorsOf` in memory-store.ts.
   */
  factorsRead: { readonly list: readonly Factor[]; readonly sources: readonly unknown[] } | null;
  summary: (StoredJson<ScoreSummary> & { readonly at: number }) | null;
  /** Applied calls so far: the optimistic-concurrency revision applyEffects-8.lua keeps in `rev`. */
  revision: number;
  /** Sorted by (at, json), as a Redis sorted set orders equal scores by member. */
  readonly history: { at: number; json: string }[];
  /** The members of `history`, so a re-added summary is found without scanning. */
  readonly historyMembers: Set<string>;
  feed: { id: string; json: string }[];
  readonly progress: Map<string, string>;
  readonly assets: Map<string, string>;
  components: Map<string, string[]>;
  fleetVersion: number | null;
  /** assetId -> observedAt (ms) of the last observation written into the fleet (`observed` in Redis). */
  readonly observed: Map<string, number>;
  vendors: Record<string, number>;
  /** eventId -> expiry (ms) and the feed id the event produced. */
  readonly dedupe: Map<string, { expiry: number; feedId: string | null }>;
}

export function emptyCustomerState(): CustomerState {
  return {
    factors: new Map(),
    versions: new Map(),
    shared: new Map(),
    factorsRead: null,
    summary: null,
    revision: 0,
    history: [],
    historyMembers: new Set(),
    feed: [],
    progress: new Map(),
    assets: new Map(),
    components: new Map(),
    fleetVersion: null,
    observed: new Map(),
    vendors: {},
    dedupe: new Map(),
  };
}

/** ZADD + ZREMRANGEBYRANK: insert (or move) a member, keep the `max` highest-ranked entries. */
export function addHistory(state: CustomerState, at: number, json: string, max: number): void {
  const { history, historyMembers } = state;
  if (historyMembers.has(json)) {
    const moved = history.findIndex((h) => h.json === json);
    history.splice(moved, 1);
  }
  // Kept sorted, so the new member goes where a sort would put it (members are unique, the order total).
  const entry = { at, json };
  let low = 0;
  let high = history.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const other = history[mid];
    if (other !== undefined && compareHistory(other, entry) < 0) low = mid + 1;
    else high = mid;
  }
  history.splice(low, 0, entry);
  historyMembers.add(json);
  const excess = history.length - max;
  if (excess > 0) for (const dropped of history.splice(0, excess)) historyMembers.delete(dropped.json);
}

function compareHistory(a: { at: number; json: string }, b: { at: number; json: string }): number {
  return a.at - b.at || (a.json < b.json ? -1 : a.json > b.json ? 1 : 0);
}

/** XADD `*` semantics: ids are `<ms>-<seq>`, strictly increasing even when the clock stalls or steps back. */
export function nextFeedId(state: CustomerState, now: number): string {
  const last = state.feed.at(-1)?.id;
  if (last === undefined) return `${String(now)}-0`;
  const [lastMs = 0, lastSeq = 0] = last.split('-').map(Number);
  return now > lastMs ? `${String(now)}-0` : `${String(lastMs)}-${String(lastSeq + 1)}`;
}

/** Drops expired dedupe markers once the map grows, as Redis expires its keys (bounded memory). */
export function pruneDedupe(state: CustomerState, now: number): void {
  if (state.dedupe.size < 1024) return;
  for (const [eventId, marker] of state.dedupe) if (marker.expiry <= now) state.dedupe.delete(eventId);
}
