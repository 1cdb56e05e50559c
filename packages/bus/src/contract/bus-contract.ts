import { TrustwatchError } from '@trustwatch/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { BusError } from '../errors.js';
import type { EventBus, HandlerOutcome } from '../port.js';
import { DLQ_HEADERS } from '../runner/dead-letter.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from '../topics.js';
import { badInputContract } from './bad-input-contract.js';
import { batchContract } from './batch-contract.js';
import { recoveryContract } from './recovery-contract.js';
import {
  readDeadLetters,
  seqOf,
  trustChanged,
  uniqueName,
  waitFor,
  type ContractTarget,
  type Seen,
} from './fixtures.js';

export type { ContractTarget } from './fixtures.js';

const done: HandlerOutcome = { status: 'done' };
const fastRetry = { initialDelayMs: 5, maxDelayMs: 20, pauseMs: 200 };

/**
 * The delivery guarantees every EventBus adapter must give, bad-input table and recovery included; run
 * against the memory adapter and the real broker.
 */
export function busContract(adapter: string, target: ContractTarget): void {
  describe(`EventBus contract (${adapter})`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    async function freshBus(namespace = `${uniqueName('contract')}.`): Promise<EventBus> {
      const bus = target.create({ namespace });
      cleanups.push(async () => {
        await bus.close();
        await bus.deleteTopics();
      });
      await bus.ensureTopics(['trust.changed']);
      return bus;
    }

    it('never creates a topic on the fly: publishing to one that was not provisioned fails', async () => {
      const bus = await freshBus();
      await bus.ensureTopics(['trust.changed']);
      // An empty batch sends nothing, so it succeeds whether or not the topic exists.
      await expect(bus.publish('alerts', [])).resolves.toBeUndefined();
      const record = { key: 'acme', value: Buffer.from('{}'), headers: {} };
      await expect(bus.publishRaw('alerts', [record])).rejects.toBeInstanceOf(BusError);
      // Still not there: a second attempt fails the same way instead of finding an auto-created topic.
      await expect(bus.publishRaw('alerts', [record])).rejects.toBeInstanceOf(BusError);
    });

    it('delivers the events of one key in the order they were published', async () => {
      const bus = await freshBus();
      const seen: Seen[] = [];
      await bus.consume({
        groupId: uniqueName('g'),
        topics: ['trust.changed'],
        handle: (event, context) => {
          seen.push({ event, context });
          return Promise.resolve(done);
        },
      });
      const customers = ['acme', 'globex', 'initech'];
      for (let seq = 0; seq < 10; seq += 1)
        await bus.publish(
          'trust.changed',
          customers.map((c) => trustChanged(c, seq)),
        );
      await waitFor('30 events', () => seen.length >= 30);
      for (const customer of customers) {
        const order = seen.filter((s) => s.event.partitionkey === customer).map((s) => seqOf(s.event));
        expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      }
    });

    it('hands other partitions on while one partition is busy, for a consumer that allows it', async () => {
      const bus = await freshBus();
      // Published first, so the consumer's first fetch finds every partition's records at once.
      const customers = Array.from({ length: 12 }, (_, i) => `customer-${i}`);
      await bus.publish(
        'trust.changed',
        customers.map((c) => trustChanged(c, 0)),
      );
      let release = (): void => undefined;
      const busy = new Promise<void>((resolve) => {
        release = resolve;
      });
      let busyPartition: number | undefined;
      const elsewhere: number[] = [];
      await bus.consume({
        groupId: uniqueName('g'),
        topics: ['trust.changed'],
        concurrentPartitions: 3,
        handle: async (_event, context) => {
          busyPartition ??= context.partition;
          if (context.partition === busyPartition) await busy;
          else elsewhere.push(context.partition);
          return done;
        },
      });
      try {
        await waitFor('another partition handled while one is busy', () => elsewhere.length > 0);
      } finally {
        release();
      }
      expect(elsewhere).not.toContain(busyPartition);
    });

    it('delivers one publish whose events for one key exceed the topic limit together (a large fan-out)', async () => {
      const bus = await freshBus();
      let seen = 0;
      let lastSeq = -1;
      let inOrder = true;
      await bus.consume({
        groupId: uniqueName('g'),
        topics: ['trust.changed'],
        handle: (event) => {
          inOrder &&= seqOf(event) === lastSeq + 1;
          lastSeq = seqOf(event);
          seen += 1;
          return Promise.resolve(done);
        },
      });
      const events = Array.from({ length: 3_000 }, (_, seq) => trustChanged('acme', seq));
      const bytes = events.reduce((sum, event) => sum + JSON.stringify(event).length, 0);
      expect(bytes).toBeGreaterThan(DEFAULT_MAX_MESSAGE_BYTES);
      await bus.publish('trust.changed', events);
      await waitFor('3,000 events', () => seen >= 3_000, 60_000);
      expect({ seen, inOrder }).toEqual({ seen: 3_000, inOrder: true });
    });

    it('carries the partition key and traceparent from producer to handler and reports zero lag when caught up', async () => {
      const bus = await freshBus();
      const seen: Seen[] = [];
      await bus.consume({
        groupId: uniqueName('g'),
        topics: ['trust.changed'],
        handle: (event, context) => {
          seen.push({ event, context });
          return Promise.resolve(done);
        },
      });
      const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      const sent = { ...trustChanged('acme', 0), traceparent };
      await bus.publish('trust.changed', [sent, trustChanged('acme', 1)]);
      await waitFor('2 events', () => seen.length >= 2);
      expect(seen[0]?.event).toEqual(sent);
      expect(seen[0]?.context).toMatchObject({ topic: 'trust.changed', offset: '0', attempt: 1 });
      const partition = seen[0]?.context.partition ?? -1;
      await waitFor('lag to reach zero', () =>
        Object.entries(bus.metrics().lag).some(
          ([key, lag]) => key.endsWith(`trust.changed/${partition}`) && lag === 0,
        ),
      );
      expect(bus.metrics()).toMatchObject({ consumed: 2, processed: 2 });
    });

    it('redelivers an event whose handler failed retriably, before the events behind it', async () => {
      const bus = await freshBus();
      const seen: Seen[] = [];
      let failures = 0;
      await bus.consume({
        groupId: uniqueName('g'),
        topics: ['trust.changed'],
        retry: fastRetry,
        handle: (event, context) => {
          if (seqOf(event) === 1 && failures < 2) {
            failures += 1;
            return Promise.reject(new Error('store unavailable'));
          }
          seen.push({ event, context });
          return Promise.resolve(done);
        },
      });
      await bus.publish(
        'trust.changed',
        [0, 1, 2, 3].map((seq) => trustChanged('acme', seq)),
      );
      await waitFor('4 events', () => seen.length >= 4);
      expect(seen.map((s) => seqOf(s.event))).toEqual([0, 1, 2, 3]);
      expect(seen[1]?.context.attempt).toBe(3);
      expect(bus.metrics().retried).toBeGreaterThanOrEqual(2);
    });

    it('dead-letters a poison event with its reason and position, and keeps the partition flowing', async () => {
      const bus = await freshBus();
      const seen: number[] = [];
      await bus.consume({
        groupId: uniqueName('g'),
        topics: ['trust.changed'],
        handle: (event) => {
          if (seqOf(event) === 1)
            throw new TrustwatchError('POLICY_REJECTED', 'no such policy', { retriable: false });
          seen.push(seqOf(event));
          return Promise.resolve(done);
        },
      });
      await bus.publish(
        'trust.changed',
        [0, 1, 2].map((seq) => trustChanged('acme', seq)),
      );
      await waitFor('2 healthy events', () => seen.length >= 2);
      expect(seen).toEqual([0, 2]);
      const [letter] = await readDeadLetters(bus, 1);
      expect(letter?.key).toBe('acme');
      expect(letter?.headers['ce_id']).toBe('acme-1');
      expect(letter?.headers[DLQ_HEADERS.reason]).toBe('POLICY_REJECTED');
      expect(letter?.headers[DLQ_HEADERS.message]).toBe('no such policy');
      expect(letter?.headers[DLQ_HEADERS.topic]).toBe('trust.changed');
      expect(letter?.headers[DLQ_HEADERS.offset]).toBe('1');
      expect(letter?.headers[DLQ_HEADERS.attempts]).toBe('1');
      expect(Date.parse(letter?.headers[DLQ_HEADERS.firstFailureAt] ?? '')).not.toBeNaN();
      expect(bus.metrics().deadLettered).toBe(1);
    });

    it('never commits past an event that keeps failing, and resumes from it once it succeeds', async () => {
      const bus = await freshBus();
      const groupId = uniqueName('g');
      const seen: number[] = [];
      let healthy = false;
      let healthChecks = 0;
      await bus.consume({
        groupId,
        topics: ['trust.changed'],
        retry: { ...fastRetry, maxAttempts: 2 },
        isHealthy: () => {
          healthChecks += 1;
          return Promise.resolve(healthy);
        },
        handle: (event) => {
          if (seqOf(event) === 2 && !healthy) return Promise.reject(new Error('store unavailable'));
          seen.push(seqOf(event));
          return Promise.resolve(done);
        },
      });
      await bus.publish(
        'trust.changed',
        [0, 1, 2, 3, 4].map((seq) => trustChanged('acme', seq)),
      );
      await waitFor(
        'the partition to pause and ask for health',
        () => bus.metrics().paused >= 1 && healthChecks >= 2,
      );
      const committed = async () => [...(await bus.committedOffsets(groupId, 'trust.changed')).values()];
      await waitFor(
        'the offsets before the failure to be committed',
        async () => (await committed())[0] === '2',
      );
      expect(seen).toEqual([0, 1]);
      expect(await committed()).toEqual(['2']);
      healthy = true;
      await waitFor('all events', () => seen.length >= 5);
      expect(seen).toEqual([0, 1, 2, 3, 4]);
      await waitFor('the end to be committed', async () => (await committed())[0] === '5');
    });

    it('shares the partitions of a topic between two consumers of one group', async () => {
      const bus = await freshBus();
      const groupId = uniqueName('g');
      const byMember: Seen[][] = [[], []];
      for (const seen of byMember) {
        await bus.consume({
          groupId,
          topics: ['trust.changed'],
          handle: (event, context) => {
            seen.push({ event, context });
            return Promise.resolve(done);
          },
        });
      }
      await new Promise((resolve) => setTimeout(resolve, target.settleMs));
      const customers = Array.from({ length: 24 }, (_, i) => `customer-${i}`);
      await bus.publish(
        'trust.changed',
        customers.map((c) => trustChanged(c, 0)),
      );
      await waitFor('24 events', () => byMember.flat().length >= 24);
      const partitions = byMember.map((seen) => new Set(seen.map((s) => s.context.partition)));
      expect(partitions[0]?.size).toBeGreaterThan(0);
      expect(partitions[1]?.size).toBeGreaterThan(0);
      expect([...(partitions[0] ?? [])].filter((p) => partitions[1]?.has(p))).toEqual([]);
      expect(new Set(byMember.flat().map((s) => s.event.id)).size).toBe(24);
    });

    it('gives every event to each of two consumer groups', async () => {
      const bus = await freshBus();
      const groups = [[], []] as number[][];
      for (const seen of groups) {
        await bus.consume({
          groupId: uniqueName('g'),
          topics: ['trust.changed'],
          handle: (event) => {
            seen.push(seqOf(event));
            return Promise.resolve(done);
          },
        });
      }
      await bus.publish(
        'trust.changed',
        [0, 1, 2, 3, 4].map((seq) => trustChanged('acme', seq)),
      );
      await waitFor('both groups', () => groups.every((seen) => seen.length >= 5));
      expect(groups).toEqual([
        [0, 1, 2, 3, 4],
        [0, 1, 2, 3, 4],
      ]);
    });

    it('drains on stop: in-flight work finishes and is committed, and a successor neither loses nor repeats it', async () => {
      const bus = await freshBus();
      const groupId = uniqueName('g');
      const first: number[] = [];
      const slow = await bus.consume({
        groupId,
        topics: ['trust.changed'],
        handle: async (event) => {
          await new Promise((resolve) => setTimeout(resolve, 30));
          first.push(seqOf(event));
          return done;
        },
      });
      await bus.publish(
        'trust.changed',
        Array.from({ length: 40 }, (_, seq) => trustChanged('acme', seq)),
      );
      await waitFor('a few events', () => first.length >= 5);
      await slow.stop();
      const stoppedAt = first.length;
      expect(stoppedAt).toBeLessThan(40);
      const second: number[] = [];
      await bus.consume({
        groupId,
        topics: ['trust.changed'],
        handle: (event) => {
          second.push(seqOf(event));
          return Promise.resolve(done);
        },
      });
      await waitFor('the rest', () => first.length + second.length >= 40);
      expect(first.length).toBe(stoppedAt);
      expect([...first, ...second]).toEqual(Array.from({ length: 40 }, (_, seq) => seq));
    });
  });
  badInputContract(adapter, target);
  batchContract(adapter, target);
  recoveryContract(adapter, target);
}
