import type { Alert } from '@trustwatch/schemas';
import {
  MAX_STORED_SILENCES,
  expiredSilence,
  type AlertAck,
  type AlertingStore,
  type AlertView,
  type NamedDocument,
  type StoredSilence,
} from './alerting-types.js';

interface CustomerRecord {
  rev: number;
  state: string | null;
  dispatch: string | null;
  applied: Set<string>;
  alerts: Map<string, Alert>;
  notified: Map<string, number>;
  acks: Map<string, AlertAck>;
  pending: Map<string, string>;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The alerting state in memory: the embedded default (demo, single process), with the same answers as
 * the Redis adapter (both pass alerting-store.contract.ts). Applied markers never expire here.
 */
export function createMemoryAlertingStore(): AlertingStore {
  const customers = new Map<string, CustomerRecord>();
  const owner = new Map<string, string>();
  const due = new Map<string, number>();
  const silences = new Map<string, StoredSilence>();
  const named = { rules: new Map<string, NamedDocument>(), receivers: new Map<string, NamedDocument>() };

  const recordOf = (customerId: string): CustomerRecord => {
    let record = customers.get(customerId);
    if (record === undefined) {
      record = {
        rev: 0,
        state: null,
        dispatch: null,
        applied: new Set(),
        alerts: new Map(),
        notified: new Map(),
        acks: new Map(),
        pending: new Map(),
      };
      customers.set(customerId, record);
    }
    return record;
  };
  const viewOf = (record: CustomerRecord, fingerprint: string): AlertView | null => {
    const alert = record.alerts.get(fingerprint);
    if (alert === undefined) return null;
    return {
      alert,
      notifiedAt: record.notified.get(fingerprint) ?? null,
      acknowledged: record.acks.get(fingerprint) ?? null,
    };
  };
  // Copies on the way out, as the Redis adapter returns fresh objects: callers cannot alias the state.
  const copy = <T>(value: T): T => structuredClone(value);

  return {
    loadCustomer(customerId) {
      const r = customers.get(customerId);
      const pending = [...(r?.pending ?? new Map<string, string>())]
        .map(([id, json]) => ({ id, json }))
        .sort((a, b) => byText(a.id, b.id));
      return Promise.resolve({
        rev: r?.rev ?? 0,
        state: r?.state ?? null,
        dispatch: r?.dispatch ?? null,
        pending,
      });
    },
    commitCustomer(customerId, c) {
      if (c.eventId !== undefined && customers.get(customerId)?.applied.has(c.eventId) === true) {
        return Promise.resolve('duplicate');
      }
      for (const alert of c.alerts) owner.set(alert.fingerprint, customerId);
      if (c.nextDueAt === null && c.pending.length === 0) due.delete(customerId);
      else due.set(customerId, c.pending.length > 0 ? c.now : (c.nextDueAt ?? c.now));
      const r = recordOf(customerId);
      if (r.rev !== c.expectedRev) return Promise.resolve('conflict');
      if (c.eventId !== undefined && r.applied.has(c.eventId)) return Promise.resolve('duplicate');
      r.rev += 1;
      r.state = c.state;
      r.dispatch = c.dispatch;
      for (const alert of c.alerts) r.alerts.set(alert.fingerprint, copy(alert));
      for (const fingerprint of c.notified) r.notified.set(fingerprint, c.now);
      for (const p of c.pending) r.pending.set(p.id, p.json);
      if (c.eventId !== undefined) r.applied.add(c.eventId);
      return Promise.resolve('committed');
    },
    clearPending(customerId, ids, nextDueAt) {
      const r = customers.get(customerId);
      for (const id of ids) r?.pending.delete(id);
      // Notifications another step committed meanwhile keep the customer due at once.
      if (r !== undefined && r.pending.size > 0) return Promise.resolve();
      if (nextDueAt === null) due.delete(customerId);
      else due.set(customerId, nextDueAt);
      return Promise.resolve();
    },
    dueCustomers(now, limit) {
      const ready = [...due].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1] || byText(a[0], b[0]));
      return Promise.resolve(ready.slice(0, limit).map(([customerId]) => customerId));
    },
    listAlerts(query) {
      const visible = query.customers === 'all' ? null : new Set(query.customers);
      const views: AlertView[] = [];
      for (const [customerId, record] of customers) {
        if (visible !== null && !visible.has(customerId)) continue;
        for (const fingerprint of record.alerts.keys()) {
          const view = viewOf(record, fingerprint);
          if (view === null) continue;
          if (query.status !== undefined && view.alert.status !== query.status) continue;
          if (query.after !== undefined && fingerprint <= query.after) continue;
          views.push(copy(view));
        }
      }
      views.sort((a, b) => byText(a.alert.fingerprint, b.alert.fingerprint));
      const items = views.slice(0, query.limit);
      const next = views.length > items.length ? (items.at(-1)?.alert.fingerprint ?? null) : null;
      return Promise.resolve({ items, next });
    },
    getAlert(fingerprint) {
      const customerId = owner.get(fingerprint);
      const record = customerId === undefined ? undefined : customers.get(customerId);
      const view = record === undefined ? null : viewOf(record, fingerprint);
      return Promise.resolve(view === null ? null : copy(view));
    },
    acknowledgeAlert(fingerprint, ack) {
      const customerId = owner.get(fingerprint);
      const record = customerId === undefined ? undefined : customers.get(customerId);
      if (record === undefined || !record.alerts.has(fingerprint)) return Promise.resolve(null);
      record.acks.set(fingerprint, copy(ack));
      return Promise.resolve(copy(viewOf(record, fingerprint)));
    },
    createSilence(silence) {
      if (silences.has(silence.id) || silences.size >= MAX_STORED_SILENCES) return Promise.resolve(false);
      silences.set(silence.id, copy(silence));
      return Promise.resolve(true);
    },
    getSilence: (id) => Promise.resolve(copy(silences.get(id) ?? null)),
    listSilences: () => Promise.resolve([...silences.values()].sort((a, b) => byText(a.id, b.id)).map(copy)),
    expireSilence(id, at) {
      const silence = silences.get(id);
      if (silence === undefined) return Promise.resolve(null);
      const next = expiredSilence(silence, at);
      silences.set(id, next);
      return Promise.resolve(copy(next));
    },
    pruneSilences(before) {
      let pruned = 0;
      for (const [id, silence] of silences) {
        if (Date.parse(silence.endsAt) < before && silences.delete(id)) pruned += 1;
      }
      return Promise.resolve(pruned);
    },
    listNamed: (kind) =>
      Promise.resolve([...named[kind].values()].sort((a, b) => byText(a.name, b.name)).map(copy)),
    putNamed(kind, document) {
      named[kind].set(document.name, copy(document));
      return Promise.resolve();
    },
  };
}
