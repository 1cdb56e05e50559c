import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedisOutbox } from '@trustwatch/store';
import { createMemoryOutbox } from './memory-outbox.js';
import type { OutboxPort, UnitStatus } from './outbox-port.js';
import { outboxRedisPerFile } from '../test-support/outbox-redis.js';

const shared = outboxRedisPerFile('outbox-diff');
let runs = 0;

type Op =
  | { kind: 'enqueue'; unit: number; customer: number }
  | { kind: 'claim'; owner: number; limit: number }
  | { kind: 'complete'; unit: number; owner: number; status: Exclude<UnitStatus, 'pending'> }
  | { kind: 'defer'; unit: number; owner: number; waitMs: number }
  | { kind: 'tick'; ms: number };

// Weighted towards claims and ticks, so lease expiries and re-claims happen in most runs.
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('enqueue' as const), unit: fc.nat(4), customer: fc.nat(1) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('claim' as const),
      owner: fc.nat(1),
      limit: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('complete' as const),
      unit: fc.nat(4),
      owner: fc.nat(1),
      status: fc.constantFrom('sent' as const, 'failed' as const, 'dead' as const, 'disabled' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('defer' as const),
      unit: fc.nat(4),
      owner: fc.nat(1),
      waitMs: fc.nat(3000),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 100, max: 2000 }) }),
  },
);

async function apply(outbox: OutboxPort, o: Op, now: number): Promise<unknown> {
  const id = 'unit' in o ? `msg_${String(o.unit)}` : '';
  const owner = 'owner' in o ? `w${String(o.owner)}` : '';
  switch (o.kind) {
    case 'enqueue':
      return outbox.enqueue([
        {
          id,
          notificationId: `ntf_${id}`,
          receiver: 'r',
          customer: `c${String(o.customer)}`,
          payload: '{}',
          createdAt: now,
        },
      ]);
    case 'claim':
      return (await outbox.claim({ now, limit: o.limit, leaseMs: 1500, owner })).map((u) => [
        u.id,
        u.status,
        u.attempts.length,
      ]);
    case 'complete':
      return outbox.complete(id, {
        owner,
        now,
        status: o.status,
        retryAt: now + 700,
        attempt: { at: now, outcome: o.status === 'failed' ? 'retry' : o.status },
      });
    case 'defer':
      return outbox.defer(id, { owner, now, dueAt: now + o.waitMs });
    case 'tick':
      return undefined;
  }
}

describe('memory and Redis outboxes', () => {
  it('answer every sequence of enqueue, claim, complete and defer identically', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
        runs += 1;
        const memory = createMemoryOutbox();
        const real = createRedisOutbox({
          redis: shared.redis,
          prefix: shared.prefix,
          name: `run${String(runs)}`,
        });
        let now = 1_800_000_000_000;
        for (const o of ops) {
          if (o.kind === 'tick') now += o.ms;
          expect(await apply(real, o, now)).toEqual(await apply(memory, o, now));
        }
        const strip = (list: Awaited<ReturnType<OutboxPort['list']>>): unknown[] =>
          list.map((u) => ({ ...u, attempts: u.attempts.map((a) => ({ ...a })) }));
        expect(strip(await real.list({ limit: 100 }))).toEqual(strip(await memory.list({ limit: 100 })));
      }),
      { numRuns: 100 },
    );
  });
});
