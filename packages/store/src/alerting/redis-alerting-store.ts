import type { Alert } from '@trustwatch/schemas';
import type { Redis } from 'ioredis';
import { scriptError, StoreError, unavailable } from '../errors.js';
import {
  alertIndexMember,
  createAlertingKeys,
  parseAlertIndexMember,
  type AlertingKeys,
} from './alerting-keys.js';
import {
  DEFAULT_APPLIED_TTL_SECONDS,
  MAX_STORED_SILENCES,
  expiredSilence,
  type AlertingStore,
  type AlertView,
  type CustomerAlerting,
  type CustomerCommit,
  type NamedDocument,
  type StoredSilence,
} from './alerting-types.js';
import { decodeAck, decodeAlert, decodeNamed, decodeSilence } from './decode.js';

export interface RedisAlertingStoreOptions {
  /** A client from connectRedis with registerAlertingScripts applied. */
  readonly redis: Redis;
  /** Key prefix (`tw` in production, a unique one per test). */
  readonly prefix: string;
  /** How long a trust change's applied marker is kept, seconds (default 35 days). */
  readonly appliedTtlSeconds?: number;
}

async function guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw unavailable(operation, err);
  }
}

function fieldsOf(reply: Record<string, string>): { id: string; json: string }[] {
  return Object.entries(reply)
    .map(([id, json]) => ({ id, json }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The alerting state on Redis: one atomic commit script per customer step, CAS edits elsewhere. */
export function createRedisAlertingStore(options: RedisAlertingStoreOptions): AlertingStore {
  const { redis } = options;
  const keys: AlertingKeys = createAlertingKeys(options.prefix);
  const appliedTtl = options.appliedTtlSeconds ?? DEFAULT_APPLIED_TTL_SECONDS;

  async function cas(hash: string, field: string, expected: string, next: string, bound = 0) {
    const code = await redis.twCasField(hash, field, expected, next, bound);
    if (code === -5) return 'full' as const;
    if (code < 0) throw scriptError('casField', code);
    return code === 1 ? ('written' as const) : ('conflict' as const);
  }

  async function viewOf(customerId: string, fingerprint: string): Promise<AlertView | null> {
    const k = keys.customer(customerId);
    const [alert, notified, ack] = await Promise.all([
      redis.hget(k.alerts, fingerprint),
      redis.hget(k.notified, fingerprint),
      redis.hget(k.acks, fingerprint),
    ]);
    if (alert === null) return null;
    return {
      alert: decodeAlert(alert),
      notifiedAt: notified === null ? null : Number(notified),
      acknowledged: ack === null ? null : decodeAck(ack),
    };
  }

  async function customerOf(fingerprint: string): Promise<string | null> {
    const found = await redis.zrangebylex(
      keys.alertIndex,
      `[${fingerprint}|`,
      `(${fingerprint}|\xff`,
      'LIMIT',
      0,
      1,
    );
    const parsed = found[0] === undefined ? null : parseAlertIndexMember(found[0]);
    return parsed?.customerId ?? null;
  }

  async function viewsOfCustomer(customerId: string): Promise<AlertView[]> {
    const k = keys.customer(customerId);
    const [alerts, notified, acks] = await Promise.all([
      redis.hgetall(k.alerts),
      redis.hgetall(k.notified),
      redis.hgetall(k.acks),
    ]);
    return Object.entries(alerts).map(([fp, json]) => {
      const at = notified[fp];
      const ack = acks[fp];
      return {
        alert: decodeAlert(json),
        notifiedAt: at === undefined ? null : Number(at),
        acknowledged: ack === undefined ? null : decodeAck(ack),
      };
    });
  }

  return {
    loadCustomer: (customerId) =>
      guard('alerting load', async (): Promise<CustomerAlerting> => {
        const k = keys.customer(customerId);
        const [meta, pending] = await Promise.all([redis.hgetall(k.meta), redis.hgetall(k.pending)]);
        const rev = Number(meta['rev'] ?? '0');
        if (!Number.isInteger(rev)) throw new StoreError('CORRUPT_STATE', `alerting rev of ${customerId}`);
        return {
          rev,
          state: meta['state'] ?? null,
          dispatch: meta['dispatch'] ?? null,
          pending: fieldsOf(pending),
        };
      }),

    commitCustomer: (customerId, c: CustomerCommit) =>
      guard('alerting commit', async () => {
        const k = keys.customer(customerId);
        // A redelivered change writes nothing, the indexes included: its due time is computed from a
        // state that already holds it. (The script checks the marker again, atomically.)
        if (c.eventId !== undefined && (await redis.exists(k.applied(c.eventId))) === 1) return 'duplicate';
        // Index writes first (other hash tags, so outside the script): an entry whose commit then fails
        // is harmless (a listing skips it; a conflicting step retries and writes the due time again).
        const due =
          c.nextDueAt === null && c.pending.length === 0
            ? redis.zrem(keys.due, customerId)
            : redis.zadd(keys.due, c.pending.length > 0 ? c.now : (c.nextDueAt ?? c.now), customerId);
        const indexed =
          c.alerts.length === 0
            ? 0
            : redis.zadd(
                keys.alertIndex,
                ...c.alerts.flatMap((a) => [0, alertIndexMember(a.fingerprint, customerId)]),
              );
        // Both sent at once: one round trip, not two.
        await Promise.all([due, indexed]);
        const args: (string | number)[] = [
          c.expectedRev,
          c.state,
          c.dispatch,
          c.eventId === undefined ? 0 : appliedTtl,
          c.now,
        ];
        args.push(c.alerts.length, ...c.alerts.flatMap((a: Alert) => [a.fingerprint, JSON.stringify(a)]));
        args.push(c.notified.length, ...c.notified);
        args.push(c.pending.length, ...c.pending.flatMap((p) => [p.id, p.json]));
        const marker = k.applied(c.eventId ?? '-');
        const code = await redis.twCommitAlerting(k.meta, marker, k.alerts, k.notified, k.pending, ...args);
        if (code === 0) return 'conflict';
        if (code === -4) return 'duplicate';
        if (code < 0) throw scriptError('commitAlerting', code);
        return 'committed';
      }),

    clearPending: (customerId, ids, nextDueAt) =>
      guard('alerting clear pending', async () => {
        const pending = keys.customer(customerId).pending;
        if (ids.length > 0) await redis.hdel(pending, ...ids);
        // Notifications another step committed meanwhile keep the customer due at once.
        if ((await redis.hlen(pending)) > 0) return;
        if (nextDueAt === null) await redis.zrem(keys.due, customerId);
        else await redis.zadd(keys.due, nextDueAt, customerId);
      }),

    dueCustomers: (now, limit) =>
      guard('alerting due', () => redis.zrangebyscore(keys.due, '-inf', now, 'LIMIT', 0, limit)),

    listAlerts: (query) =>
      guard('alerting list', async () => {
        const matches = (v: AlertView): boolean =>
          (query.status === undefined || v.alert.status === query.status) &&
          (query.after === undefined || v.alert.fingerprint > query.after);
        let views: AlertView[];
        if (query.customers !== 'all') {
          views = (await Promise.all(query.customers.map(viewsOfCustomer))).flat().filter(matches);
          views.sort((a, b) => (a.alert.fingerprint < b.alert.fingerprint ? -1 : 1));
          const items = views.slice(0, query.limit);
          return {
            items,
            next: views.length > items.length ? (items.at(-1)?.alert.fingerprint ?? null) : null,
          };
        }
        views = [];
        let from = query.after === undefined ? '-' : `(${query.after}|\xff`;
        for (;;) {
          const members = await redis.zrangebylex(keys.alertIndex, from, '+', 'LIMIT', 0, 200);
          for (const member of members) {
            const parsed = parseAlertIndexMember(member);
            const view = parsed === null ? null : await viewOf(parsed.customerId, parsed.fingerprint);
            if (view !== null && matches(view)) views.push(view);
            if (views.length > query.limit) break;
          }
          const last = members.at(-1);
          if (views.length > query.limit || last === undefined || members.length < 200) break;
          from = `(${last}`;
        }
        const items = views.slice(0, query.limit);
        return {
          items,
          next: views.length > items.length ? (items.at(-1)?.alert.fingerprint ?? null) : null,
        };
      }),

    getAlert: (fingerprint) =>
      guard('alerting get', async () => {
        const customerId = await customerOf(fingerprint);
        return customerId === null ? null : viewOf(customerId, fingerprint);
      }),

    acknowledgeAlert: (fingerprint, ack) =>
      guard('alerting acknowledge', async () => {
        const customerId = await customerOf(fingerprint);
        if (customerId === null || (await viewOf(customerId, fingerprint)) === null) return null;
        await redis.hset(keys.customer(customerId).acks, fingerprint, JSON.stringify(ack));
        return viewOf(customerId, fingerprint);
      }),

    createSilence: (silence) =>
      guard('silence create', async () => {
        const outcome = await cas(
          keys.silences,
          silence.id,
          '',
          JSON.stringify(silence),
          MAX_STORED_SILENCES,
        );
        return outcome === 'written';
      }),

    getSilence: (id) =>
      guard('silence get', async () => {
        const json = await redis.hget(keys.silences, id);
        return json === null ? null : decodeSilence(json);
      }),

    listSilences: () =>
      guard('silence list', async () =>
        fieldsOf(await redis.hgetall(keys.silences)).map((f) => decodeSilence(f.json)),
      ),

    expireSilence: (id, at) =>
      guard('silence expire', async () => {
        for (;;) {
          const json = await redis.hget(keys.silences, id);
          if (json === null) return null;
          const next: StoredSilence = expiredSilence(decodeSilence(json), at);
          const text = JSON.stringify(next);
          if (text === json || (await cas(keys.silences, id, json, text)) === 'written') return next;
        }
      }),

    pruneSilences: (before) =>
      guard('silence prune', async () => {
        let pruned = 0;
        for (const { id, json } of fieldsOf(await redis.hgetall(keys.silences))) {
          if (Date.parse(decodeSilence(json).endsAt) >= before) continue;
          if ((await cas(keys.silences, id, json, '')) === 'written') pruned += 1;
        }
        return pruned;
      }),

    listNamed: (kind) =>
      guard('alerting config list', async () =>
        fieldsOf(await redis.hgetall(keys.named(kind))).map((f) => decodeNamed(f.json)),
      ),

    putNamed: (kind, document: NamedDocument) =>
      guard('alerting config put', async () => {
        await redis.hset(keys.named(kind), document.name, JSON.stringify(document));
      }),
  };
}
