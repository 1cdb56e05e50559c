import { describe, expect, it } from 'vitest';
import type { NewDeliveryUnit, OutboxPort } from './outbox-port.js';

/** Builds a fresh, isolated outbox per test (a unique key prefix for Redis) and its cleanup. */
export type OutboxFactory = () => Promise<{ outbox: OutboxPort; close: () => Promise<void> }>;

const T0 = 1_800_000_000_000;
let n = 0;

function unit(overrides: Partial<NewDeliveryUnit> = {}): NewDeliveryUnit {
  n += 1;
  return {
    id: `msg_${String(n).padStart(6, '0')}`,
    notificationId: `ntf_${String(n)}`,
    receiver: 'ops-webhook',
    customer: 'acme',
    payload: JSON.stringify({ n }),
    createdAt: T0 + n,
    ...overrides,
  };
}

async function using(factory: OutboxFactory, body: (outbox: OutboxPort) => Promise<void>): Promise<void> {
  const { outbox, close } = await factory();
  try {
    await body(outbox);
  } finally {
    await close();
  }
}

/** The behaviour every outbox adapter must have; run against the memory and the Redis adapter. */
export function outboxContract(name: string, factory: OutboxFactory): void {
  describe(`${name} outbox contract`, () => {
    it('enqueues each idempotency key once, however often it is enqueued', () =>
      using(factory, async (outbox) => {
        const u = unit();
        expect(await outbox.enqueue([u, u])).toBe(1);
        expect(await outbox.enqueue([u])).toBe(0);
        expect((await outbox.get(u.id))?.status).toBe('pending');
      }));

    it('leases a claimed unit so a second worker cannot claim it before the lease expires', () =>
      using(factory, async (outbox) => {
        const u = unit();
        await outbox.enqueue([u]);
        const first = await outbox.claim({ now: T0 + 100, limit: 10, leaseMs: 1000, owner: 'w1' });
        expect(first.map((x) => x.id)).toEqual([u.id]);
        expect(await outbox.claim({ now: T0 + 500, limit: 10, leaseMs: 1000, owner: 'w2' })).toEqual([]);
      }));

    it('re-offers a unit whose worker crashed before recording, with the same id and a lease-expired attempt', () =>
      using(factory, async (outbox) => {
        const sent = unit();
        const unconfirmed = unit();
        await outbox.enqueue([sent, unconfirmed]);
        await outbox.claim({ now: T0 + 100, limit: 10, leaseMs: 1000, owner: 'crashed' });
        await outbox.complete(sent.id, {
          owner: 'crashed',
          now: T0 + 200,
          status: 'sent',
          attempt: { at: T0 + 200, outcome: 'sent', httpStatus: 200 },
        });
        const again = await outbox.claim({ now: T0 + 1200, limit: 10, leaseMs: 1000, owner: 'restarted' });
        expect(again.map((x) => x.id)).toEqual([unconfirmed.id]);
        expect(again[0]?.attempts.map((a) => a.outcome)).toEqual(['lease-expired']);
      }));

    it('refuses a completion from a worker whose lease another worker took over', () =>
      using(factory, async (outbox) => {
        const u = unit();
        await outbox.enqueue([u]);
        await outbox.claim({ now: T0 + 100, limit: 10, leaseMs: 1000, owner: 'slow' });
        await outbox.claim({ now: T0 + 1200, limit: 10, leaseMs: 1000, owner: 'fast' });
        const late = await outbox.complete(u.id, {
          owner: 'slow',
          now: T0 + 1300,
          status: 'sent',
          attempt: { at: T0 + 1300, outcome: 'sent' },
        });
        expect(late).toBe('lease-lost');
        expect((await outbox.get(u.id))?.status).toBe('pending');
      }));

    it('schedules a failed unit for its retry time and keeps its attempt history', () =>
      using(factory, async (outbox) => {
        const u = unit();
        await outbox.enqueue([u]);
        await outbox.claim({ now: T0 + 100, limit: 10, leaseMs: 1000, owner: 'w' });
        await outbox.complete(u.id, {
          owner: 'w',
          now: T0 + 150,
          status: 'failed',
          retryAt: T0 + 5000,
          attempt: { at: T0 + 150, outcome: 'retry', httpStatus: 503 },
        });
        expect(await outbox.claim({ now: T0 + 4999, limit: 10, leaseMs: 1000, owner: 'w' })).toEqual([]);
        const retried = await outbox.claim({ now: T0 + 5000, limit: 10, leaseMs: 1000, owner: 'w' });
        expect(retried[0]?.status).toBe('failed');
        expect(retried[0]?.attempts).toEqual([{ at: T0 + 150, outcome: 'retry', httpStatus: 503 }]);
      }));

    it('never offers a sent, dead or disabled unit again', () =>
      using(factory, async (outbox) => {
        const units = [unit(), unit(), unit()];
        await outbox.enqueue(units);
        await outbox.claim({ now: T0 + 100, limit: 10, leaseMs: 1000, owner: 'w' });
        const terminal = ['sent', 'dead', 'disabled'] as const;
        for (const [i, status] of terminal.entries()) {
          const id = units[i]?.id ?? '';
          await outbox.complete(id, {
            owner: 'w',
            now: T0 + 200,
            status,
            attempt: { at: T0 + 200, outcome: status },
          });
        }
        expect(await outbox.claim({ now: T0 + 10_000_000, limit: 10, leaseMs: 1000, owner: 'w' })).toEqual(
          [],
        );
      }));

    it('claims the most overdue units first, at most limit of them', () =>
      using(factory, async (outbox) => {
        const units = [
          unit({ createdAt: T0 + 30 }),
          unit({ createdAt: T0 + 10 }),
          unit({ createdAt: T0 + 20 }),
        ];
        await outbox.enqueue(units);
        const claimed = await outbox.claim({ now: T0 + 100, limit: 2, leaseMs: 1000, owner: 'w' });
        expect(claimed.map((c) => c.createdAt)).toEqual([T0 + 10, T0 + 20]);
      }));

    it('lists the delivery log newest first, filtered by customer, receiver and status, paged by before', () =>
      using(factory, async (outbox) => {
        const units = [
          unit({ customer: 'acme', receiver: 'slack-sec' }),
          unit({ customer: 'globex', receiver: 'slack-sec' }),
          unit({ customer: 'acme', receiver: 'pd' }),
          unit({ customer: 'acme', receiver: 'slack-sec' }),
        ];
        await outbox.enqueue(units);
        await outbox.claim({ now: T0 + 100, limit: 1, leaseMs: 1000, owner: 'w' });
        const firstId = units[0]?.id ?? '';
        await outbox.complete(firstId, {
          owner: 'w',
          now: T0 + 150,
          status: 'dead',
          attempt: { at: T0 + 150, outcome: 'dead', httpStatus: 400 },
        });
        const ids = (list: { id: string }[]): string[] => list.map((u) => u.id);
        const acme = await outbox.list({ customer: 'acme', limit: 10 });
        expect(ids(acme)).toEqual([units[3]?.id, units[2]?.id, units[0]?.id]);
        expect(ids(await outbox.list({ receiver: 'slack-sec', customer: 'acme', limit: 10 }))).toEqual([
          units[3]?.id,
          units[0]?.id,
        ]);
        expect(ids(await outbox.list({ status: 'dead', limit: 10 }))).toEqual([firstId]);
        const page = await outbox.list({ customer: 'acme', limit: 1, before: units[3]?.createdAt ?? 0 });
        expect(ids(page)).toEqual([units[2]?.id]);
      }));

    it('defers a claimed unit without recording an attempt or changing its status', () =>
      using(factory, async (outbox) => {
        const u = unit();
        await outbox.enqueue([u]);
        await outbox.claim({ now: T0 + 100, limit: 10, leaseMs: 1000, owner: 'w' });
        expect(await outbox.defer(u.id, { owner: 'w', now: T0 + 110, dueAt: T0 + 3000 })).toBe('recorded');
        expect(await outbox.claim({ now: T0 + 2999, limit: 10, leaseMs: 1000, owner: 'w' })).toEqual([]);
        const later = await outbox.claim({ now: T0 + 3000, limit: 10, leaseMs: 1000, owner: 'w' });
        expect(later.map((x) => [x.status, x.attempts.length])).toEqual([['pending', 0]]);
      }));

    it('remembers disabled receivers', () =>
      using(factory, async (outbox) => {
        await outbox.disableReceiver('gone-hook', T0);
        expect([...(await outbox.disabledReceivers())]).toEqual(['gone-hook']);
      }));
  });
}
