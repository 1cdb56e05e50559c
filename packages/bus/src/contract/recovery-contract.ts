import { afterEach, describe, expect, it } from 'vitest';
import { partitionForKey } from '../memory/murmur2.js';
import type { EventBus, HandlerOutcome } from '../port.js';
import { DLQ_HEADERS } from '../runner/dead-letter.js';
import {
  readDeadLetters,
  seqOf,
  trustChanged,
  uniqueName,
  waitFor,
  type ContractTarget,
} from './fixtures.js';

const done: HandlerOutcome = { status: 'done' };
const fastRetry = { initialDelayMs: 5, maxDelayMs: 20, pauseMs: 200 };

/** Partition count of trust.changed in the catalog: keys below are chosen to land apart. */
const PARTITIONS = 6;

/**
 * How a consumer gets out of trouble: poison records that fail with plain errors, outages that must never
 * dead-letter, and rewinding to where the handler's own state resumes after it lost writes.
 */
export function recoveryContract(adapter: string, target: ContractTarget): void {
  describe(`EventBus recovery contract (${adapter})`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    async function freshBus(): Promise<EventBus> {
      const bus = target.create({ namespace: `${uniqueName('recovery')}.` });
      cleanups.push(async () => {
        await bus.close();
        await bus.deleteTopics();
      });
      await bus.ensureTopics(['trust.changed']);
      return bus;
    }

    it('dead-letters an event whose handler keeps throwing a plain error while healthy, then moves on', async () => {
      const bus = await freshBus();
      const seen: number[] = [];
      await bus.consume({
        groupId: uniqueName('g'),
        topics: ['trust.changed'],
        retry: { ...fastRetry, maxAttempts: 2, maxPauses: 2 },
        isHealthy: () => Promise.resolve(true),
        handle: (event) => {
          if (seqOf(event) === 1) throw new TypeError('cannot read properties of undefined');
          seen.push(seqOf(event));
          return Promise.resolve(done);
        },
      });
      await bus.publish(
        'trust.changed',
        [0, 1, 2].map((seq) => trustChanged('acme', seq)),
      );
      await waitFor('the events behind the poison one', () => seen.includes(2));
      expect(seen).toEqual([0, 2]);
      const [letter] = await readDeadLetters(bus, 1);
      expect(letter?.headers[DLQ_HEADERS.reason]).toBe('RETRIES_EXHAUSTED');
      expect(letter?.headers[DLQ_HEADERS.offset]).toBe('1');
      expect(letter?.headers['ce_id']).toBe('acme-1');
      // Two attempts before each of the two pauses, two more after the last one.
      expect(letter?.headers[DLQ_HEADERS.attempts]).toBe('6');
      expect(bus.metrics().paused).toBeGreaterThanOrEqual(2);
    });

    it('keeps pausing, and never dead-letters, an event that fails while its dependencies are down', async () => {
      const bus = await freshBus();
      const groupId = uniqueName('g');
      let healthChecks = 0;
      await bus.consume({
        groupId,
        topics: ['trust.changed'],
        retry: { ...fastRetry, maxAttempts: 1, maxPauses: 1 },
        isHealthy: () => {
          healthChecks += 1;
          return Promise.resolve(false);
        },
        handle: () => Promise.reject(new Error('redis down')),
      });
      await bus.publish('trust.changed', [trustChanged('acme', 0)]);
      await waitFor('several pause cycles', () => healthChecks >= 6);
      expect(bus.metrics().deadLettered).toBe(0);
      expect([...(await bus.committedOffsets(groupId, 'trust.changed')).values()]).toEqual([]);
    });

    it('rewinds a partition to the start offset its state reports below the committed one, and only that', async () => {
      const bus = await freshBus();
      const groupId = uniqueName('g');
      const other = otherKeyThan('acme');
      const first: string[] = [];
      const record = (sink: string[]) => (event: { id: string }) => {
        sink.push(event.id);
        return Promise.resolve(done);
      };
      const reader = await bus.consume({ groupId, topics: ['trust.changed'], handle: record(first) });
      await bus.publish('trust.changed', [
        ...[0, 1, 2, 3, 4].map((seq) => trustChanged('acme', seq)),
        ...[0, 1, 2].map((seq) => trustChanged(other, seq)),
      ]);
      await waitFor('every event', () => first.length >= 8);
      await reader.stop();
      const acmePartition = partitionForKey('acme', PARTITIONS);
      const otherPartition = partitionForKey(other, PARTITIONS);
      const committed = await bus.committedOffsets(groupId, 'trust.changed');
      expect(committed.get(acmePartition)).toBe('5');
      expect(committed.get(otherPartition)).toBe('3');
      const second: string[] = [];
      const asked: string[] = [];
      await bus.consume({
        groupId,
        topics: ['trust.changed'],
        // As after a store crash that lost acme's last three events; the other key's state is intact.
        startOffsets: (topic) => {
          asked.push(topic);
          return Promise.resolve(
            new Map([
              [acmePartition, '2'],
              [otherPartition, '3'],
            ]),
          );
        },
        handle: record(second),
      });
      await waitFor('the rewound tail', () => second.length >= 3);
      await new Promise((resolve) => setTimeout(resolve, target.settleMs + 500));
      expect(second).toEqual(['acme-2', 'acme-3', 'acme-4']);
      expect(asked).toContain('trust.changed');
    });

    it('handles the rewound tail first and in order when newer events arrived while the consumer was down', async () => {
      const bus = await freshBus();
      const groupId = uniqueName('g');
      const first: number[] = [];
      const reader = await bus.consume({
        groupId,
        topics: ['trust.changed'],
        handle: (event) => {
          first.push(seqOf(event));
          return Promise.resolve(done);
        },
      });
      await bus.publish(
        'trust.changed',
        [0, 1, 2, 3, 4].map((seq) => trustChanged('acme', seq)),
      );
      await waitFor('every event', () => first.length >= 5);
      await reader.stop();
      // Published past the crash point, before the consumer rejoins: ready to fetch at the committed offset.
      await bus.publish(
        'trust.changed',
        [5, 6, 7].map((seq) => trustChanged('acme', seq)),
      );
      const second: number[] = [];
      await bus.consume({
        groupId,
        topics: ['trust.changed'],
        // A slow answer, as from a store still warming up: delivery must wait for it, not run ahead.
        startOffsets: async () => {
          await new Promise((resolve) => setTimeout(resolve, 500));
          return new Map([[partitionForKey('acme', PARTITIONS), '2']]);
        },
        handle: (event) => {
          second.push(seqOf(event));
          return Promise.resolve(done);
        },
      });
      await waitFor('the rewound tail and the newer events', () => second.length >= 6, 30_000);
      await new Promise((resolve) => setTimeout(resolve, target.settleMs));
      expect(second).toEqual([2, 3, 4, 5, 6, 7]);
    });

    it('asks again for start offsets that were unavailable, and rewinds once they arrive', async () => {
      const bus = await freshBus();
      const groupId = uniqueName('g');
      const first: number[] = [];
      const reader = await bus.consume({
        groupId,
        topics: ['trust.changed'],
        handle: (event) => {
          first.push(seqOf(event));
          return Promise.resolve(done);
        },
      });
      await bus.publish(
        'trust.changed',
        [0, 1, 2].map((seq) => trustChanged('acme', seq)),
      );
      await waitFor('every event', () => first.length >= 3);
      await reader.stop();
      const second: number[] = [];
      let asks = 0;
      await bus.consume({
        groupId,
        topics: ['trust.changed'],
        retry: fastRetry,
        startOffsets: () => {
          asks += 1;
          // The store is still coming back after its crash.
          if (asks === 1) return Promise.reject(new Error('store unavailable'));
          return Promise.resolve(new Map([[partitionForKey('acme', PARTITIONS), '1']]));
        },
        handle: (event) => {
          second.push(seqOf(event));
          return Promise.resolve(done);
        },
      });
      await waitFor('the rewound tail', () => second.length >= 2, 30_000);
      expect(second).toEqual([1, 2]);
      expect(asks).toBeGreaterThanOrEqual(2);
    });
  });
}

/** A key that lands on another partition than `key`, so the two can be rewound independently. */
function otherKeyThan(key: string): string {
  for (let i = 0; ; i += 1) {
    const candidate = `customer-${i}`;
    if (partitionForKey(candidate, PARTITIONS) !== partitionForKey(key, PARTITIONS)) return candidate;
  }
}
