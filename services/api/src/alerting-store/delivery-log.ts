import type { OutboxLogQuery, OutboxUnit } from '@trustwatch/store';
import type { Delivery, DeliveryLogPort } from '../ports/alerting.js';

/** What the delivery log reads: the alert outbox's listing (the Redis outbox or the alerter's memory one). */
export interface OutboxLog {
  list(query: OutboxLogQuery): Promise<readonly OutboxUnit[]>;
}

// The port pages by id while the outbox lists newest first: the newest units up to this bound are read
// and sorted by id, so the log shows recent deliveries (a day of a busy alerter) and stays cheap.
export const DELIVERY_LOG_WINDOW = 1000;

const OUTCOME = {
  sent: 'delivered',
  pending: 'retrying',
  failed: 'retrying',
  dead: 'failed',
  disabled: 'failed',
} as const satisfies Record<OutboxUnit['status'], Delivery['outcome']>;

function fingerprintOf(payload: string): string {
  try {
    const parsed = JSON.parse(payload) as { alerts?: { fingerprint?: unknown }[] };
    const fingerprint = parsed.alerts?.[0]?.fingerprint;
    return typeof fingerprint === 'string' ? fingerprint : '';
  } catch {
    return '';
  }
}

/** One outbox unit as a delivery log entry: its latest attempt, or its creation when none was made. */
export function deliveryOf(unit: OutboxUnit): Delivery {
  const last = unit.attempts.at(-1);
  const detail =
    last?.error ?? (last?.httpStatus === undefined ? undefined : `HTTP ${String(last.httpStatus)}`);
  return {
    id: unit.id,
    fingerprint: fingerprintOf(unit.payload),
    customerId: unit.customer,
    receiver: unit.receiver,
    at: new Date(last?.at ?? unit.createdAt).toISOString(),
    attempt: Math.max(1, unit.attempts.length),
    outcome: OUTCOME[unit.status],
    ...(detail === undefined ? {} : { detail: detail.slice(0, 1000) }),
  };
}

/** The DeliveryLogPort over the alert outbox. */
export function createOutboxDeliveryLog(outbox: OutboxLog): DeliveryLogPort {
  return {
    async list(query) {
      const units = await outbox.list({ limit: DELIVERY_LOG_WINDOW });
      const sorted = units.map(deliveryOf).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const after = query.after;
      const rest = after === undefined ? sorted : sorted.filter((d) => d.id > after);
      const items = rest.slice(0, query.limit);
      const last = items.at(-1);
      return { items, next: rest.length > items.length && last !== undefined ? last.id : null };
    },
  };
}
