import type { Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { testLogger, waitFor } from '../contract/fixtures.js';
import { BusMetrics } from '../metrics.js';
import { recordWork } from '../runner/event-work.js';
import { retryPolicy } from '../runner/retry.js';
import { TopicCatalog } from '../topics.js';
import { DEFAULT_CONSUMER_TUNING } from './kafka-options.js';
import { ManagedConsumer } from './managed-consumer.js';

/**
 * Stands in for kafkajs's client only to fire CRASH events on demand (its admin sees no topics); delivery and
 * the watchdog are tested on the real broker.
 */
class CrashingClient {
  readonly consumers: { crash: (error: Error) => void; disconnected: boolean }[] = [];

  admin() {
    return {
      connect: () => Promise.resolve(),
      disconnect: () => Promise.resolve(),
      fetchOffsets: () => Promise.resolve([]),
      fetchTopicOffsets: () => Promise.resolve([]),
    };
  }

  consumer() {
    const listeners: ((event: { payload: { error: Error } }) => void)[] = [];
    const entry = {
      crash: (error: Error) => listeners.forEach((l) => l({ payload: { error } })),
      disconnected: false,
    };
    this.consumers.push(entry);
    return {
      events: { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join' },
      on: (_event: string, listener: (event: { payload: { error: Error } }) => void) =>
        listeners.push(listener),
      connect: () => Promise.resolve(),
      subscribe: () => Promise.resolve(),
      run: () => Promise.resolve(),
      disconnect: () => {
        entry.disconnected = true;
        return Promise.resolve();
      },
    };
  }
}

function managed(client: CrashingClient, restartBudget: number, fatal: Error[]) {
  const metrics = new BusMetrics();
  const consumer = new ManagedConsumer({
    kafka: client as unknown as Kafka,
    catalog: new TopicCatalog(),
    groupId: 'g',
    topics: ['alerts'],
    work: () => recordWork(() => Promise.resolve()),
    policy: retryPolicy(),
    tuning: { ...DEFAULT_CONSUMER_TUNING, restartBudget, restartBackoffMs: 1 },
    metrics,
    log: testLogger,
    onFatal: (error) => fatal.push(error),
  });
  return { consumer, metrics };
}

describe('ManagedConsumer', () => {
  it('replaces a crashed kafkajs consumer with a new one instead of stopping silently', async () => {
    const client = new CrashingClient();
    const { consumer, metrics } = managed(client, 3, []);
    await consumer.start();
    client.consumers[0]?.crash(new Error('ILLEGAL_GENERATION'));
    await waitFor('a second consumer', () => client.consumers.length === 2);
    expect(client.consumers[0]?.disconnected).toBe(true);
    expect(metrics.snapshot().restarts).toBe(1);
    client.consumers[0]?.crash(new Error('late crash of the replaced consumer'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(client.consumers).toHaveLength(2);
    await consumer.stop();
  });

  it('gives up through onFatal once the restart budget is used up', async () => {
    const client = new CrashingClient();
    const fatal: Error[] = [];
    const { consumer } = managed(client, 2, fatal);
    await consumer.start();
    for (let crash = 0; crash < 3; crash += 1) {
      const count = client.consumers.length;
      client.consumers.at(-1)?.crash(new Error(`crash ${crash}`));
      await waitFor('the crash to be handled', () => client.consumers.length > count || fatal.length > 0);
    }
    expect(client.consumers).toHaveLength(3);
    expect(fatal.map((error) => error.message)).toEqual(['crash 2']);
    await consumer.stop();
  });
});
