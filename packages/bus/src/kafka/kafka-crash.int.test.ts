import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { integrationTargets } from '@trustwatch/testing';
import { afterEach, expect, it } from 'vitest';
import { testLogger, trustChanged, uniqueName, waitFor } from '../contract/fixtures.js';
import type { EventBus } from '../port.js';
import { createKafkaBus } from './kafka-bus.js';

const CHILD = join(import.meta.dirname, '..', '..', 'test-support', 'crash-consumer.mjs');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function kafkaBus(namespace: string): EventBus {
  const bus = createKafkaBus({
    brokers: integrationTargets().kafkaBrokers,
    clientId: 'crash-test',
    namespace,
    logger: testLogger,
  });
  cleanups.push(async () => {
    await bus.close();
    await bus.deleteTopics();
  });
  return bus;
}

function processedLines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

it('after a SIGKILL mid-batch, a restarted consumer processes every event and repeats only the uncommitted tail', async () => {
  const namespace = `${uniqueName('crash')}.`;
  const groupId = uniqueName('crash-group');
  const bus = kafkaBus(namespace);
  await bus.ensureTopics(['trust.changed']);
  // One key: one partition, so "the tail" is a single contiguous range of offsets.
  await bus.publish(
    'trust.changed',
    Array.from({ length: 60 }, (_, seq) => trustChanged('acme', seq)),
  );

  const out = join(mkdtempSync(join(tmpdir(), 'bus-crash-')), 'processed.txt');
  const child = spawn(
    process.execPath,
    [CHILD, integrationTargets().kafkaBrokers.join(','), namespace, groupId, out, '25'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  await waitFor(
    'the child to reach offset 25',
    () => processedLines(out).includes(`${partitionOf(out)}:25`),
    30_000,
  );
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');

  const before = processedLines(out).map((line) => line.split(':'));
  const partition = Number(before[0]?.[0]);
  const childOffsets = before.map(([, offset]) => Number(offset));
  const committed = Number((await bus.committedOffsets(groupId, 'trust.changed')).get(partition) ?? '0');
  expect(childOffsets).toEqual(Array.from({ length: 26 }, (_, offset) => offset));
  expect(committed).toBe(20);

  const after: number[] = [];
  await bus.consume({
    groupId,
    topics: ['trust.changed'],
    handle: (_event, context) => {
      after.push(Number(context.offset));
      return Promise.resolve({ status: 'done' });
    },
  });
  await waitFor('the rest of the events', () => after.includes(59));
  const everything = new Set([...childOffsets, ...after]);
  expect(everything.size).toBe(60);
  const duplicates = childOffsets.filter((offset) => after.includes(offset));
  expect(duplicates).toEqual(childOffsets.filter((offset) => offset >= committed));
  expect(after[0]).toBe(committed);
});

function partitionOf(file: string): string {
  return processedLines(file)[0]?.split(':')[0] ?? '-';
}
