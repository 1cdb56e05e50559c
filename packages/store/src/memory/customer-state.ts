/** One customer's slice of the memory adapter: the same data the Redis adapter keeps under `{customerId}`. */
export interface CustomerState {
  readonly factors: Map<string, string>;
  readonly versions: Map<string, number>;
  readonly shared: Map<string, string>;
  summary: { json: string; at: number } | null;
  /** Applied calls so far: the optimistic-concurrency revision applyEffects-8.lua keeps in `rev`. */
  revision: number;
  /** Sorted by (at, json), as a Redis sorted set orders equal scores by member. */
  history: { at: number; json: string }[];
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
    summary: null,
    revision: 0,
    history: [],
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
  const history = state.history.filter((h) => h.json !== json);
  history.push({ at, json });
  history.sort((a, b) => a.at - b.at || (a.json < b.json ? -1 : a.json > b.json ? 1 : 0));
  state.history = history.slice(Math.max(0, history.length - max));
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
