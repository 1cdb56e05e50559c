/**
 * When each customer's decaying score is next due to leave its band. One entry per customer: a new
 * due time replaces the old one. Implementations must tolerate several engines writing the same entry
 * (they compute the same due time from the same stored factors).
 */
export interface DecaySchedule {
  /** Sets (or with `null`, clears) each customer's next re-evaluation instant (ms), in one call. */
  set(entries: readonly { customerId: string; dueAt: number | null }[]): Promise<void>;
  /** Customers due at or before `now`, earliest first, at most `limit`. */
  due(now: number, limit: number): Promise<{ customerId: string; dueAt: number }[]>;
  /** Clears the entry if it still holds `dueAt` (a newer due time set meanwhile is kept). */
  done(customerId: string, dueAt: number): Promise<void>;
  /** The earliest due time, or `null` when nothing is scheduled. */
  next(): Promise<number | null>;
}

/** The embedded schedule, in process memory. */
export function createMemoryDecaySchedule(): DecaySchedule {
  const entries = new Map<string, number>();
  return {
    set(updates) {
      for (const { customerId, dueAt } of updates) {
        if (dueAt === null) entries.delete(customerId);
        else entries.set(customerId, dueAt);
      }
      return Promise.resolve();
    },
    due(now, limit) {
      return Promise.resolve(
        [...entries]
          .filter(([, dueAt]) => dueAt <= now)
          .sort(([a, x], [b, y]) => x - y || (a < b ? -1 : 1))
          .slice(0, limit)
          .map(([customerId, dueAt]) => ({ customerId, dueAt })),
      );
    },
    done(customerId, dueAt) {
      if (entries.get(customerId) === dueAt) entries.delete(customerId);
      return Promise.resolve();
    },
    next() {
      let earliest: number | null = null;
      for (const dueAt of entries.values()) if (earliest === null || dueAt < earliest) earliest = dueAt;
      return Promise.resolve(earliest);
    },
  };
}
