import { integrationTargets } from '@trustwatch/testing';
import { afterEach, expect, it } from 'vitest';
import { seqOf, testLogger, trustChanged, uniqueName, waitFor } from '../contract/fixtures.js';
import type { EventBus } from '../port.js';
import { createKafkaBus } from './kafka-bus.js';
import type { KafkaConsumerTuning } from './kafka-options.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function kafkaBus(consumer: Partial<KafkaConsumerTuning>): Promise<EventBus> {
  const bus = createKafkaBus({
    brokers: integrationTargets().kafkaBrokers,
    clientId: 'resilience-test',
    namespace: `${uniqueName('resilience')}.`,
    logger: testLogger,
    consumer: { heartbeatIntervalMs: 300, sessionTimeoutMs: 6_000, rebalanceTimeoutMs: 6_000, ...consumer },
  });
  cleanups.push(async () => {
    await bus.close();
    await bus.deleteTopics();
  });
  await bus.ensureTopics(['trust.changed']);
  return bus;
}

/** Per key, the order in which sequence numbers were first seen. */
function firstSeenOrder(seen: { key: string; seq: number }[]): Map<string, number[]> {
  const order = new Map<string, number[]>();
  for (const { key, seq } of seen) {
    const list = order.get(key) ?? [];
    if (!list.includes(seq)) list.push(seq);
    order.set(key, list);
  }
  return order;
}

it('loses nothing and keeps per-key order while members join and leave mid-stream', async () => {
  const bus = await kafkaBus({});
  const groupId = uniqueName('g');
  const seen: { key: string; seq: number }[] = [];
  const member = () =>
    bus.consume({
      groupId,
      topics: ['trust.changed'],
      handle: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        seen.push({ key: event.partitionkey, seq: seqOf(event) });
        return { status: 'done' };
      },
    });
  const customers = Array.from({ length: 12 }, (_, i) => `customer-${i}`);
  const first = await member();
  for (let seq = 0; seq < 20; seq += 1)
    await bus.publish(
      'trust.changed',
      customers.map((c) => trustChanged(c, seq)),
    );
  await waitFor('some progress', () => seen.length >= 30);
  await member();
  await waitFor('more progress', () => seen.length >= 120);
  await first.stop();
  await waitFor('every event', () => new Set(seen.map((s) => `${s.key}/${s.seq}`)).size === 240, 45_000);
  for (const order of firstSeenOrder(seen).values())
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
});

it('restarts a consumer whose partition has lag but makes no progress, and redelivers the stuck event', async () => {
  const bus = await kafkaBus({ watchdogMs: 1_500, restartBackoffMs: 100 });
  const seen: number[] = [];
  let release = (): void => undefined;
  cleanups.push(() => {
    release();
    return Promise.resolve();
  });
  let stuck = false;
  await bus.consume({
    groupId: uniqueName('g'),
    topics: ['trust.changed'],
    handle: async (event) => {
      if (seqOf(event) === 1 && !stuck) {
        stuck = true;
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return { status: 'skipped', reason: 'released after the test' };
      }
      seen.push(seqOf(event));
      return { status: 'done' };
    },
  });
  await bus.publish(
    'trust.changed',
    [0, 1, 2, 3].map((seq) => trustChanged('acme', seq)),
  );
  await waitFor('the restarted consumer to finish', () => seen.includes(3), 45_000);
  // Offset 0 may come again: the stuck consumer had not committed it (at-least-once, never at-most-once).
  expect([...new Set(seen)]).toEqual([0, 1, 2, 3]);
  expect(seen.slice(-3)).toEqual([1, 2, 3]);
  expect(bus.metrics().restarts).toBeGreaterThanOrEqual(1);
});
