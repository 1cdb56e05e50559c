/** Retention and sizing shared by both adapters. */
export interface StoreLimits {
  /** Applied-event markers live this long (ms): exceed Kafka retention plus the longest retry window. */
  readonly dedupeTtlMs: number;
  readonly feedMaxEntries: number;
  readonly feedMaxAgeMs: number;
  readonly historyMaxEntries: number;
  /** Customers per round trip in applyMany. */
  readonly chunkSize: number;
}

/**
 * Defaults: dedupe 31 days, feed 1000 entries / 90 days. The engine's input topics keep 30 days
 * (packages/bus topics.ts), so a redelivery or a rewind within retention always meets its marker. The
 * one longer topic, supplier.changed (365 days, kept for rebuilding state), is safe past 31 days too:
 * its factors have ids derived from their evidence and a per-factor version check, so a re-applied
 * change rewrites the same factor rather than adding one.
 */
export const DEFAULT_LIMITS: StoreLimits = {
  dedupeTtlMs: 31 * 24 * 3_600_000,
  feedMaxEntries: 1000,
  feedMaxAgeMs: 90 * 24 * 3_600_000,
  historyMaxEntries: 5000,
  chunkSize: 1000,
};
