import { randomUUID } from 'node:crypto';
import type {
  AlertPort,
  AlertRecord,
  Delivery,
  DeliveryLogPort,
  NamedStore,
  Silence,
  SilencePort,
} from '../ports/alerting.js';
import { byKey, pageOf } from './page.js';

/** In-memory alerts, seeded by the embedded alerter or a test. */
export function createMemoryAlertPort(seed: readonly AlertRecord[] = []): AlertPort & {
  upsert(record: AlertRecord): void;
} {
  const alerts = new Map(seed.map((r) => [r.alert.fingerprint, r]));
  const fingerprint = (r: AlertRecord) => r.alert.fingerprint;
  return {
    upsert: (record) => void alerts.set(record.alert.fingerprint, record),
    list(query) {
      const visible = query.customers === 'all' ? null : new Set(query.customers);
      const matching = [...alerts.values()]
        .filter((r) => visible === null || visible.has(r.alert.labels.customer))
        .filter((r) => query.status === undefined || r.alert.status === query.status)
        .sort(byKey(fingerprint));
      return Promise.resolve(pageOf(matching, fingerprint, query));
    },
    get: (fp) => Promise.resolve(alerts.get(fp) ?? null),
    acknowledge(fp, ack) {
      const record = alerts.get(fp);
      if (record === undefined) return Promise.resolve(null);
      const next = { ...record, acknowledged: ack };
      alerts.set(fp, next);
      return Promise.resolve(next);
    },
  };
}

function statusAt(silence: Omit<Silence, 'status'>, now: number): Silence['status'] {
  if (Date.parse(silence.endsAt) <= now) return 'expired';
  return Date.parse(silence.startsAt) > now ? 'pending' : 'active';
}

/** In-memory silences; status is derived from the clock on every read. */
export function createMemorySilencePort(now: () => number = Date.now): SilencePort {
  const silences = new Map<string, Omit<Silence, 'status'>>();
  const view = (s: Omit<Silence, 'status'>): Silence => ({ ...s, status: statusAt(s, now()) });
  return {
    create(input) {
      // Time-ordered ids keep the listing in creation order.
      const id = `sil-${now().toString().padStart(15, '0')}-${randomUUID()}`;
      const stored = { ...input, id };
      silences.set(id, stored);
      return Promise.resolve(view(stored));
    },
    list(query) {
      const sorted = [...silences.values()].sort(byKey((s) => s.id)).map(view);
      return Promise.resolve(pageOf(sorted, (s) => s.id, query));
    },
    expire(id, at) {
      const silence = silences.get(id);
      if (silence === undefined) return Promise.resolve(null);
      if (statusAt(silence, now()) !== 'expired') silences.set(id, { ...silence, endsAt: at });
      return Promise.resolve(view(silences.get(id) ?? silence));
    },
  };
}

/** In-memory named configuration (receivers, rules). */
export function createMemoryNamedStore<T extends { readonly name: string }>(
  seed: readonly T[] = [],
): NamedStore<T> {
  const items = new Map(seed.map((item) => [item.name, item]));
  return {
    list: () => Promise.resolve([...items.values()].sort(byKey((i: T) => i.name))),
    put(item) {
      items.set(item.name, item);
      return Promise.resolve(item);
    },
  };
}

/** In-memory delivery log, appended to by the embedded alerter or a test. */
export function createMemoryDeliveryLog(seed: readonly Delivery[] = []): DeliveryLogPort & {
  append(delivery: Delivery): void;
} {
  const log = [...seed];
  return {
    append: (delivery) => void log.push(delivery),
    list: (query) => Promise.resolve(pageOf([...log].sort(byKey((d) => d.id)), (d) => d.id, query)),
  };
}
