import { integrationTargets } from '@trustwatch/testing';
import { Kafka, logLevel } from 'kafkajs';
import { expect, it } from 'vitest';
import { testLogger, uniqueName, waitFor } from '../contract/fixtures.js';
import { BusMetrics } from '../metrics.js';
import { recordWork } from '../runner/event-work.js';
import { retryPolicy } from '../runner/retry.js';
import { TopicCatalog } from '../topics.js';
import { DEFAULT_CONSUMER_TUNING } from './kafka-options.js';
import { ManagedConsumer } from './managed-consumer.js';

/** Open TCP sockets of this process: what would keep it alive after everything else finished. */
function openSockets(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'TCPSocketWrap').length;
}

it('disconnects its admin client and consumer when subscribing to a topic that does not exist', async () => {
  const kafka = new Kafka({
    clientId: 'managed-consumer-test',
    brokers: integrationTargets().kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const disconnected: string[] = [];
  // The real client; only the instances it makes are watched, for their disconnect events.
  const watched = {
    admin: () => {
      const admin = kafka.admin();
      admin.on(admin.events.DISCONNECT, () => disconnected.push('admin'));
      return admin;
    },
    consumer: (config: Parameters<Kafka['consumer']>[0]) => {
      const consumer = kafka.consumer(config);
      consumer.on(consumer.events.DISCONNECT, () => disconnected.push('consumer'));
      return consumer;
    },
  } as unknown as Kafka;
  const before = openSockets();
  // A fresh namespace: no topic of it was ever created, and the broker does not auto-create topics.
  const managed = new ManagedConsumer({
    kafka: watched,
    catalog: new TopicCatalog(`${uniqueName('missing')}.`),
    groupId: uniqueName('g'),
    topics: ['trust.changed'],
    work: () => recordWork(() => Promise.resolve()),
    policy: retryPolicy(),
    tuning: DEFAULT_CONSUMER_TUNING,
    metrics: new BusMetrics(),
    log: testLogger,
    onFatal: () => undefined,
  });
  await expect(managed.start()).rejects.toThrow();
  expect(disconnected.sort()).toEqual(['admin', 'consumer']);
  // Sockets close asynchronously after disconnect resolves; give them a moment, not a fixed sleep.
  await waitFor('the client sockets to close', () => openSockets() <= before, 5_000);
  expect(openSockets()).toBeLessThanOrEqual(before);
}, 60_000);
