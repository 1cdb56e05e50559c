import type { Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { testLogger, waitFor } from '../contract/fixtures.js';
import { BusMetrics } from '../metrics.js';
import { recordWork } from '../runner/event-work.js';
import { retryPolicy } from '../runner/retry.js';
import { TopicCatalog, type TopicName } from '../topics.js';
import { DEFAULT_CONSUMER_TUNING } from './kafka-options.js';
import { ManagedConsumer } from './managed-consumer.js';

type Listener = (event: { payload: Record<string, unknown> }) => void;

/**
 * Stands in for kafkajs's client only to fire GROUP_JOIN and record the order of pause, seek and resume
 * calls; the rewind itself is tested on the real broker by the recovery contract.
 */
class JoiningClient {
  readonly calls: string[] = [];
  readonly joins: ((assignment: Record<string, number[]>) => void)[] = [];

  admin() {
    return {
      connect: () => Promise.resolve(),
      disconnect: () => Promise.resolve(),
      fetchOffsets: ({ topics }: { topics: string[] }) =>
        Promise.resolve(topics.map((topic) => ({ topic, partitions: [{ partition: 0, offset: '5' }] }))),
      fetchTopicOffsets: () => Promise.resolve([]),
    };
  }

  consumer() {
    const listeners = new Map<string, Listener[]>();
    const index = this.joins.length;
    this.joins.push((memberAssignment) =>
      listeners.get('join')?.forEach((listener) => listener({ payload: { memberAssignment } })),
    );
    const list = (parts: { topic: string; partitions: number[] }[]) =>
      parts.map(({ topic, partitions }) => `${topic}/${partitions.join(',')}`).join(' ');
    return {
      events: { CRASH: 'crash', GROUP_JOIN: 'join' },
      on: (event: string, listener: Listener) =>
        listeners.set(event, [...(listeners.get(event) ?? []), listener]),
      connect: () => Promise.resolve(),
      subscribe: () => Promise.resolve(),
      run: () => Promise.resolve(),
      disconnect: () => Promise.resolve(),
      pause: (parts: { topic: string; partitions: number[] }[]) =>
        this.calls.push(`${index} pause ${list(parts)}`),
      resume: (parts: { topic: string; partitions: number[] }[]) =>
        this.calls.push(`${index} resume ${list(parts)}`),
      seek: ({ topic, partition, offset }: { topic: string; partition: number; offset: string }) =>
        this.calls.push(`${index} seek ${topic}/${partition}@${offset}`),
    };
  }
}

function managed(
  client: JoiningClient,
  startOffsets: (topic: TopicName) => Promise<ReadonlyMap<number, string>>,
) {
  return new ManagedConsumer({
    kafka: client as unknown as Kafka,
    catalog: new TopicCatalog(),
    groupId: 'g',
    topics: ['alerts'],
    work: () => recordWork(() => Promise.resolve()),
    policy: retryPolicy(),
    tuning: { ...DEFAULT_CONSUMER_TUNING, restartBudget: 3, restartBackoffMs: 1 },
    metrics: new BusMetrics(),
    log: testLogger,
    startOffsets,
    onFatal: () => undefined,
  });
}

describe('ManagedConsumer rewind on assignment', () => {
  it('pauses the assigned partitions before the rewind, seeks, and only then resumes them', async () => {
    const client = new JoiningClient();
    let answer: (starts: ReadonlyMap<number, string>) => void = () => undefined;
    const consumer = managed(client, () => new Promise((resolve) => (answer = resolve)));
    await consumer.start();
    client.joins[0]?.({ alerts: [0, 1] });
    expect(client.calls).toEqual(['0 pause alerts/0,1']);
    answer(new Map([[0, '2']]));
    await waitFor('the resume', () => client.calls.length === 3);
    expect(client.calls).toEqual(['0 pause alerts/0,1', '0 seek alerts/0@2', '0 resume alerts/0,1']);
    await consumer.stop();
  });

  it('keeps the old consumer paused when the rewind fails, and restarts with a new one', async () => {
    const client = new JoiningClient();
    const consumer = managed(client, () => Promise.reject(new Error('store unavailable')));
    await consumer.start();
    client.joins[0]?.({ alerts: [0] });
    await waitFor('a second consumer', () => client.joins.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(client.calls).toEqual(['0 pause alerts/0']);
    await consumer.stop();
  });
});
