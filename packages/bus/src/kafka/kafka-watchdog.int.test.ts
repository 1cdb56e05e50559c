import type { TrustwatchEvent } from '@trustwatch/schemas';
import { integrationTargets } from '@trustwatch/testing';
import { Kafka, logLevel, type Consumer, type ConsumerConfig } from 'kafkajs';
import { afterEach, expect, it } from 'vitest';
import { seqOf, testLogger, trustChanged, uniqueName, waitFor } from '../contract/fixtures.js';
import { BusMetrics } from '../metrics.js';
import { eventWork } from '../runner/event-work.js';
import { retryPolicy } from '../runner/retry.js';
import { TopicCatalog } from '../topics.js';
import { createKafkaBus } from './kafka-bus.js';
import { DEFAULT_CONSUMER_TUNING } from './kafka-options.js';
import { ManagedConsumer } from './managed-consumer.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const groupTiming = { heartbeatIntervalMs: 300, sessionTimeoutMs: 6_000, rebalanceTimeoutMs: 6_000 };

async function provisionedBus(consumer: Parameters<typeof createKafkaBus>[0]['consumer'] = {}) {
  const namespace = `${uniqueName('watchdog')}.`;
  const bus = createKafkaBus({
    brokers: integrationTargets().kafkaBrokers,
    clientId: 'watchdog-test',
    namespace,
    logger: testLogger,
    consumer: { ...groupTiming, ...consumer },
  });
  cleanups.push(async () => {
    await bus.close();
    await bus.deleteTopics();
  });
  await bus.ensureTopics(['trust.changed']);
  return { bus, namespace };
}

it('restarts a member that joined the group but never fetches, once its partitions have lag', async () => {
  const { bus, namespace } = await provisionedBus();
  const catalog = new TopicCatalog(namespace);
  const physical = catalog.physical('trust.changed');
  const kafka = new Kafka({
    clientId: 'watchdog-test',
    brokers: integrationTargets().kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const made: Consumer[] = [];
  let joined = false;
  // The real client, except that its first consumer stops fetching the moment it is assigned partitions,
  // as in kafkajs#659: still a heartbeating group member, so the group never reassigns its partitions.
  const stalling = {
    admin: () => kafka.admin(),
    consumer: (config: ConsumerConfig) => {
      const consumer = kafka.consumer(config);
      if (made.length === 0)
        consumer.on(consumer.events.GROUP_JOIN, () => {
          consumer.pause([{ topic: physical }]);
          joined = true;
        });
      made.push(consumer);
      return consumer;
    },
  } as unknown as Kafka;
  const seen: number[] = [];
  const metrics = new BusMetrics();
  const managed = new ManagedConsumer({
    kafka: stalling,
    catalog,
    groupId: uniqueName('g'),
    topics: ['trust.changed'],
    work: (spec) =>
      eventWork(spec, (event: TrustwatchEvent) => {
        seen.push(seqOf(event));
        return Promise.resolve({ status: 'done' });
      }),
    policy: retryPolicy(),
    tuning: { ...DEFAULT_CONSUMER_TUNING, ...groupTiming, watchdogMs: 2_000, restartBackoffMs: 100 },
    metrics,
    log: testLogger,
    onFatal: () => undefined,
  });
  cleanups.push(() => managed.stop());
  await managed.start();
  await waitFor('the first member to join and stall', () => joined);
  await bus.publish(
    'trust.changed',
    [0, 1, 2].map((seq) => trustChanged('acme', seq)),
  );
  await waitFor('the replacement member to consume', () => seen.length >= 3, 45_000);
  expect(seen).toEqual([0, 1, 2]);
  expect(made.length).toBeGreaterThanOrEqual(2);
  expect(metrics.snapshot().restarts).toBeGreaterThanOrEqual(1);
});

it('keeps its membership through a handler that runs longer than the session timeout, with no redelivery', async () => {
  const { bus } = await provisionedBus({ keepAliveMs: 1_000 });
  const calls: number[] = [];
  await bus.consume({
    groupId: uniqueName('g'),
    topics: ['trust.changed'],
    handle: async (event) => {
      calls.push(seqOf(event));
      // 10 s against a 6 s session: only the heartbeats sent while the handler runs keep the member in.
      if (seqOf(event) === 0) await new Promise((resolve) => setTimeout(resolve, 10_000));
      return { status: 'done' };
    },
  });
  await bus.publish(
    'trust.changed',
    [0, 1, 2].map((seq) => trustChanged('acme', seq)),
  );
  await waitFor('every event', () => calls.length >= 3, 30_000);
  // A lost membership would make the batch stale and hand offset 0 out a second time.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  expect(calls).toEqual([0, 1, 2]);
  expect(bus.metrics().restarts).toBe(0);
});
