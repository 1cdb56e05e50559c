import { DLQ_HEADERS, type DeliveredRecord } from '@trustwatch/bus';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED, SIZES_IN_USE as SIZE } from './config.js';
import { generateEventSet } from './harness/event-set.js';
import { KafkaRun } from './harness/kafka-run.js';
import { oracleState } from './harness/oracle.js';
import { healthyRecord, withPoison } from './harness/poison.js';
import { recordResult } from './harness/results.js';
import { silentLog } from './harness/silent-log.js';
import { diffStates } from './harness/state.js';
import { waitFor } from './harness/wait.js';

const MIB = 1_048_576;
const runs: KafkaRun[] = [];
afterAll(async () => {
  for (const run of runs) await run.dispose();
});

describe(`fault 6: poison records at 1 in ${String(SIZE.poisonEvery)}`, () => {
  it(
    'dead-letters every poison record with its reason while the healthy events reach the oracle state',
    async () => {
      const startedAt = Date.now();
      // Firmware swaps only, over many customers: poison is about the consumer, and a light healthy load
      // keeps the oracle quick at thousands of records.
      const set = generateEventSet(SEED + 6, SIZE.poisonRecords, SIZE.poisonRecords / 20, {
        supplier: 0,
        news: 0,
      });
      const expected = await oracleState(set, silentLog);
      // The input topics accept 3 MiB, so a 2 MB value reaches the consumer instead of being refused at
      // produce time (the default limit refuses it there, which the bus contract tests already cover).
      const big = { maxMessageBytes: 3 * MIB };
      const overrides = { 'firmware.changed': big, 'news.classified': big, 'supplier.changed': big };
      const run = await KafkaRun.open(set, integrationTargets(), silentLog, 'poison', {
        topicOverrides: overrides,
      });
      runs.push(run);
      await run.fleet.start();
      let poisoned = 0;
      let records = 0;
      for (const [topic, events] of run.topics) {
        const mixed =
          topic === 'firmware.changed'
            ? withPoison(events, SIZE.poisonEvery)
            : { records: events.map(healthyRecord), poisoned: 0 };
        poisoned += mixed.poisoned;
        records += mixed.records.length;
        for (let i = 0; i < mixed.records.length; i += 100)
          await run.bus.publishRaw(topic, mixed.records.slice(i, i + 100));
      }
      const publishedAt = Date.now();
      await waitFor(async () => (await run.committed()) >= records, SIZE.timeoutMs, 'lag back to 0', 100);
      const catchUpMs = Date.now() - publishedAt;

      const letters: DeliveredRecord[] = [];
      const reader = await run.bus.consumeRecords({
        groupId: uniqueName('dlq-reader'),
        topics: ['firmware.changed.dlq'],
        handle: (record) => {
          letters.push(record);
          return Promise.resolve();
        },
      });
      await waitFor(() => Promise.resolve(letters.length >= poisoned), 60_000, 'every dead letter');
      await reader.stop();
      const reasons = new Map<string, string>();
      for (const letter of letters) {
        const kind = letter.headers['poison-kind'] ?? 'healthy event';
        reasons.set(kind, letter.headers[DLQ_HEADERS.reason] ?? 'none');
      }
      const withReason = letters.filter(
        (l) => (l.headers[DLQ_HEADERS.reason] ?? '') !== '' && (l.headers[DLQ_HEADERS.message] ?? '') !== '',
      );
      const healthyLettered = letters.filter((l) => l.headers['poison-kind'] === undefined).length;
      const lag = records - (await run.committed());
      const diff = diffStates(expected, await run.state());
      const passed =
        letters.length === poisoned &&
        withReason.length === poisoned &&
        healthyLettered === 0 &&
        lag === 0 &&
        diff.customers.length === 0;
      recordResult(
        {
          fault: '6-poison',
          title: `Poison records at 1 in ${String(SIZE.poisonEvery)} on the input topics`,
          criterion:
            'every poison record in the DLQ with a reason, no healthy one, lag back to 0, state equals the oracle',
          passed,
          figures: {
            records: records,
            'poison records': poisoned,
            'dead letters': letters.length,
            'dead letters with reason and message': withReason.length,
            'healthy events dead-lettered': healthyLettered,
            ...Object.fromEntries([...reasons].map(([kind, reason]) => [`reason for ${kind}`, reason])),
            'lag after catch-up (records)': lag,
            'publish end to lag 0 (ms)': catchUpMs,
            'customers differing from the oracle': diff.customers.length,
          },
        },
        startedAt,
      );
      expect(letters.length).toBe(poisoned);
      expect(withReason.length).toBe(poisoned);
      expect(healthyLettered).toBe(0);
      expect(lag).toBe(0);
      expect(diff.customers).toEqual([]);
    },
    SIZE.timeoutMs,
  );
});
