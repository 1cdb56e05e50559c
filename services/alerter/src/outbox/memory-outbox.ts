import {
  MAX_ATTEMPTS_KEPT,
  type Attempt,
  type DeliveryUnit,
  type LogQuery,
  type OutboxPort,
} from './outbox-port.js';

interface Row {
  unit: DeliveryUnit;
  /** Lease owner while claimed; undefined when not claimed. */
  owner: string | undefined;
}

const CLAIMABLE = new Set(['pending', 'failed']);

/**
 * The embedded outbox: the same contract as the Redis one, lost with the process. For a single process
 * that may lose pending deliveries on restart (tests, a laptop demo), never for production.
 */
export function createMemoryOutbox(): OutboxPort {
  const rows = new Map<string, Row>();
  const disabled = new Set<string>();
  const withAttempt = (attempts: readonly Attempt[], a: Attempt): Attempt[] =>
    [...attempts, a].slice(-MAX_ATTEMPTS_KEPT);

  return {
    enqueue(units) {
      let created = 0;
      for (const u of units) {
        if (rows.has(u.id)) continue;
        rows.set(u.id, {
          unit: { ...u, status: 'pending', dueAt: u.createdAt, attempts: [], updatedAt: u.createdAt },
          owner: undefined,
        });
        created += 1;
      }
      return Promise.resolve(created);
    },
    claim({ now, limit, leaseMs, owner }) {
      const due = [...rows.values()]
        .filter((r) => CLAIMABLE.has(r.unit.status) && r.unit.dueAt <= now)
        .sort((a, b) => a.unit.dueAt - b.unit.dueAt || a.unit.id.localeCompare(b.unit.id))
        .slice(0, limit);
      for (const row of due) {
        const attempts =
          row.owner === undefined
            ? row.unit.attempts
            : withAttempt(row.unit.attempts, { at: now, outcome: 'lease-expired' });
        row.unit = { ...row.unit, attempts, dueAt: now + leaseMs, updatedAt: now };
        row.owner = owner;
      }
      return Promise.resolve(due.map((r) => r.unit));
    },
    complete(id, c) {
      const row = rows.get(id);
      if (row?.owner !== c.owner) return Promise.resolve('lease-lost' as const);
      const dueAt = c.status === 'failed' ? (c.retryAt ?? c.now) : c.now;
      row.unit = {
        ...row.unit,
        status: c.status,
        dueAt,
        attempts: withAttempt(row.unit.attempts, c.attempt),
        updatedAt: c.now,
      };
      row.owner = undefined;
      return Promise.resolve('recorded' as const);
    },
    defer(id, d) {
      const row = rows.get(id);
      if (row?.owner !== d.owner) return Promise.resolve('lease-lost' as const);
      row.unit = { ...row.unit, dueAt: d.dueAt, updatedAt: d.now };
      row.owner = undefined;
      return Promise.resolve('recorded' as const);
    },
    get: (id) => Promise.resolve(rows.get(id)?.unit),
    list(q: LogQuery) {
      const found = [...rows.values()]
        .map((r) => r.unit)
        .filter(
          (u) =>
            (q.customer === undefined || u.customer === q.customer) &&
            (q.receiver === undefined || u.receiver === q.receiver) &&
            (q.status === undefined || u.status === q.status) &&
            (q.before === undefined || u.createdAt < q.before),
        )
        .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
      return Promise.resolve(found.slice(0, q.limit));
    },
    disableReceiver(receiver) {
      disabled.add(receiver);
      return Promise.resolve();
    },
    disabledReceivers: () => Promise.resolve(new Set(disabled)),
  };
}
