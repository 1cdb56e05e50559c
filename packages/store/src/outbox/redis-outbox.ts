import type { Redis } from 'ioredis';
import { scriptError, StoreError, unavailable } from '../errors.js';
import { createOutboxKeys, type OutboxKeys } from './outbox-keys.js';
import type {
  NewOutboxUnit,
  OutboxAttempt,
  OutboxCompletion,
  OutboxLogQuery,
  OutboxUnit,
  OutboxUnitStatus,
} from './outbox-types.js';

export interface RedisOutboxOptions {
  /** A client from connectRedis with registerOutboxScripts applied. */
  readonly redis: Redis;
  /** Key prefix (`tw` in production, a unique one per test). */
  readonly prefix: string;
  /** Outbox name, the hash tag of all its keys (default `alerts`). */
  readonly name?: string;
  /** How long finished units and log entries are kept, ms (default 30 days). */
  readonly retentionMs?: number;
}

/** The durable alert outbox on Redis: enqueue, lease-based claim and owner-checked completion in Lua. */
export interface RedisOutbox {
  enqueue(units: readonly NewOutboxUnit[]): Promise<number>;
  claim(request: { now: number; limit: number; leaseMs: number; owner: string }): Promise<OutboxUnit[]>;
  complete(id: string, completion: OutboxCompletion): Promise<'recorded' | 'lease-lost'>;
  defer(
    id: string,
    deferral: { owner: string; now: number; dueAt: number },
  ): Promise<'recorded' | 'lease-lost'>;
  get(id: string): Promise<OutboxUnit | undefined>;
  list(query: OutboxLogQuery): Promise<OutboxUnit[]>;
  disableReceiver(receiver: string, now: number): Promise<void>;
  disabledReceivers(): Promise<ReadonlySet<string>>;
}

interface Immutable {
  id: string;
  notificationId: string;
  receiver: string;
  customer: string;
  payload: string;
  createdAt: number;
}

function parseUnit(unit: string, status: string, due: string, attempts: string, updated: string): OutboxUnit {
  try {
    const base = JSON.parse(unit) as Immutable;
    return {
      ...base,
      status: status as OutboxUnitStatus,
      dueAt: Number(due),
      attempts: JSON.parse(attempts) as OutboxAttempt[],
      updatedAt: Number(updated),
    };
  } catch (cause) {
    throw new StoreError('CORRUPT_STATE', 'outbox unit is not the JSON this package writes', { cause });
  }
}

async function guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw unavailable(operation, err);
  }
}

/** Builds the Redis adapter of the alerter's OutboxPort. */
export function createRedisOutbox(options: RedisOutboxOptions): RedisOutbox {
  const { redis } = options;
  const keys: OutboxKeys = createOutboxKeys(options.prefix, options.name);
  const retention = options.retentionMs ?? 30 * 86_400_000;

  const read = async (ids: readonly string[]): Promise<OutboxUnit[]> => {
    if (ids.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.hmget(keys.unit(id), 'unit', 'status', 'due', 'attempts', 'updated');
    const replies = (await pipeline.exec()) ?? [];
    const units: OutboxUnit[] = [];
    for (const [err, fields] of replies) {
      if (err !== null) throw err;
      const [unit, status, due, attempts, updated] = fields as (string | null)[];
      if (unit == null || status == null || due == null || attempts == null || updated == null) continue;
      units.push(parseUnit(unit, status, due, attempts, updated));
    }
    return units;
  };

  return {
    enqueue: (units) =>
      guard('outbox enqueue', async () => {
        let created = 0;
        for (const u of units) {
          const immutable: Immutable = {
            id: u.id,
            notificationId: u.notificationId,
            receiver: u.receiver,
            customer: u.customer,
            payload: u.payload,
            createdAt: u.createdAt,
          };
          const code = await redis.twEnqueueOutbox(
            keys.unit(u.id),
            keys.due,
            keys.log,
            keys.logOfCustomer(u.customer),
            keys.logOfReceiver(u.receiver),
            u.id,
            JSON.stringify(immutable),
            u.createdAt,
            retention,
          );
          if (code < 0) throw scriptError('enqueueOutbox', code);
          created += code;
        }
        return created;
      }),
    claim: ({ now, limit, leaseMs, owner }) =>
      guard('outbox claim', async () => {
        const reply = await redis.twClaimOutbox(keys.due, now, limit, leaseMs, owner, keys.unitPrefix);
        if (typeof reply === 'number') throw scriptError('claimOutbox', reply);
        const flat = reply as string[];
        const units: OutboxUnit[] = [];
        for (let i = 0; i + 5 < flat.length; i += 6) {
          const [, unit, status, due, attempts, updated] = flat.slice(i, i + 6) as [
            string,
            string,
            string,
            string,
            string,
            string,
          ];
          units.push(parseUnit(unit, status, due, attempts, updated));
        }
        return units;
      }),
    complete: (id, c) =>
      guard('outbox complete', async () => {
        const code = await redis.twCompleteOutbox(
          keys.unit(id),
          keys.due,
          c.owner,
          c.status,
          JSON.stringify(c.attempt),
          c.retryAt ?? c.now,
          c.now,
          id,
          retention,
        );
        if (code < 0) throw scriptError('completeOutbox', code);
        return code === 1 ? 'recorded' : 'lease-lost';
      }),
    defer: (id, d) =>
      guard('outbox defer', async () => {
        const code = await redis.twCompleteOutbox(
          keys.unit(id),
          keys.due,
          d.owner,
          'defer',
          '',
          d.dueAt,
          d.now,
          id,
          retention,
        );
        if (code < 0) throw scriptError('completeOutbox', code);
        return code === 1 ? 'recorded' : 'lease-lost';
      }),
    get: (id) => guard('outbox get', async () => (await read([id]))[0]),
    list: (q) =>
      guard('outbox list', async () => {
        // The narrowest index first; the other filters are applied while paging through it.
        const index =
          q.customer !== undefined
            ? keys.logOfCustomer(q.customer)
            : q.receiver !== undefined
              ? keys.logOfReceiver(q.receiver)
              : keys.log;
        const found: OutboxUnit[] = [];
        const max = q.before === undefined ? '+inf' : `(${String(q.before)}`;
        const page = Math.max(q.limit, 100);
        for (let offset = 0; ; offset += page) {
          const ids = await redis.zrevrangebyscore(index, max, '-inf', 'LIMIT', offset, page);
          for (const u of await read(ids)) {
            if (q.receiver !== undefined && u.receiver !== q.receiver) continue;
            if (q.status !== undefined && u.status !== q.status) continue;
            found.push(u);
            if (found.length >= q.limit) return found;
          }
          if (ids.length < page) break;
        }
        return found;
      }),
    disableReceiver: (receiver, now) =>
      guard('outbox disable', async () => {
        await redis.hset(keys.disabled, receiver, String(now));
      }),
    disabledReceivers: () =>
      guard('outbox disabled list', async () => new Set(await redis.hkeys(keys.disabled))),
  };
}
