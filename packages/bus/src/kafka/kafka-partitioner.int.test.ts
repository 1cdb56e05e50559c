import { integrationTargets } from '@trustwatch/testing';
import { pino } from 'pino';
import { afterEach, expect, it } from 'vitest';
import { trustChanged, uniqueName, waitFor } from '../contract/fixtures.js';
import { partitionForKey } from '../memory/murmur2.js';
import { createKafkaBus } from './kafka-bus.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('places every key where the memory adapter would and publishes without a kafkajs warning', async () => {
  const lines: { level: number; msg?: string }[] = [];
  const logger = pino(
    { level: 'warn' },
    { write: (line: string) => lines.push(JSON.parse(line) as { level: number; msg?: string }) },
  );
  const bus = createKafkaBus({
    brokers: integrationTargets().kafkaBrokers,
    clientId: 'partitioner-test',
    namespace: `${uniqueName('partitioner')}.`,
    logger,
    consumer: { heartbeatIntervalMs: 300, sessionTimeoutMs: 6_000 },
  });
  cleanups.push(async () => {
    await bus.close();
    await bus.deleteTopics();
  });
  await bus.ensureTopics(['trust.changed']);
  const customers = Array.from({ length: 30 }, (_, i) => `cust-${i}-${uniqueName('k')}`);
  await bus.publish(
    'trust.changed',
    customers.map((customer) => trustChanged(customer, 0)),
  );
  // Before any consumer exists, so every line so far came from producing. Other warnings (a metadata
  // retry while a new topic's leader settles) are the broker's business; the partitioner one is ours.
  const warnings = lines.map((line) => line.msg ?? '');
  expect(warnings.filter((msg) => /partitioner/i.test(msg))).toEqual([]);
  const placed = new Map<string, number>();
  await bus.consume({
    groupId: uniqueName('g'),
    topics: ['trust.changed'],
    handle: (event, context) => {
      placed.set(event.partitionkey, context.partition);
      return Promise.resolve({ status: 'done' });
    },
  });
  await waitFor('every customer', () => placed.size >= customers.length);
  for (const customer of customers) expect(placed.get(customer)).toBe(partitionForKey(customer, 6));
});
