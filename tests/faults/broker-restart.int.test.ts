import { isRetriable } from '@trustwatch/schemas';
import { integrationTargets } from '@trustwatch/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { budgetLeft, SEED, SIZES_IN_USE as SIZE } from './config.js';
import { generateEventSet } from './harness/event-set.js';
import { KafkaRun } from './harness/kafka-run.js';
import { oracleState } from './harness/oracle.js';
import { PrivateKafka } from './harness/private-kafka.js';
import { recordResult } from './harness/results.js';
import { silentLog } from './harness/silent-log.js';
import { diffStates } from './harness/state.js';
import { sleep, waitFor } from './harness/wait.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe('fault 3: broker restart mid-stream', () => {
  it(
    'recovers producers and consumers by themselves and loses nothing when the broker restarts',
    async () => {
      const startedAt = Date.now();
      const set = generateEventSet(SEED + 3, SIZE.events, SIZE.customers);
      const expected = await oracleState(set, silentLog);
      const kafka = await PrivateKafka.start();
      cleanups.push(() => kafka.stop());
      const run = await KafkaRun.open(
        set,
        { kafkaBrokers: kafka.brokers, redisUrl: integrationTargets().redisUrl },
        silentLog,
        'broker',
      );
      cleanups.push(() => run.dispose());
      const engine = await run.fleet.start();
      const topics = [...run.topics];
      const half = (events: readonly unknown[], second: boolean) =>
        second ? events.slice(events.length >> 1) : events.slice(0, events.length >> 1);
      for (const [topic, events] of topics)
        await run.bus.publish(topic, half(events, false) as typeof events);
      await waitFor(
        async () => (await run.committed()) >= set.events.length / 6,
        120_000,
        'the engine under way',
      );

      await kafka.crash();
      const downAt = Date.now();
      await sleep(2_000);
      await kafka.restart();
      const downMs = Date.now() - downAt;
      // The second half goes out as soon as the broker is back; a failed publish is retried as a caller
      // of the bus would (retriable errors only) and counted.
      let failedPublishes = 0;
      for (const [topic, events] of topics) {
        for (;;) {
          try {
            await run.bus.publish(topic, half(events, true) as typeof events);
            break;
          } catch (error) {
            if (!isRetriable(error)) throw error;
            failedPublishes += 1;
            await sleep(500);
          }
        }
      }
      const backAt = Date.now();
      await run.drained(budgetLeft(startedAt));
      const catchUpMs = Date.now() - backAt;
      const engineSurvived = engine.exitCode === null && engine.signalCode === null;
      const diff = diffStates(expected, await run.state());
      recordResult(
        {
          fault: '3-broker-restart',
          title: 'Private Kafka broker killed (-9) and restarted mid-stream',
          criterion: 'the running engine recovers by itself, nothing lost, state equals the oracle',
          passed: diff.customers.length === 0 && engineSurvived,
          figures: {
            events: set.events.length,
            'broker down (ms)': downMs,
            'publishes retried after the restart': failedPublishes,
            'broker back to all committed (ms)': catchUpMs,
            'engine process survived': engineSurvived,
            'events lost (oracle factors missing)': diff.missingFactors,
            'trust changes applied twice': diff.extraFeed,
            'customers differing from the oracle': diff.customers.length,
          },
        },
        startedAt,
      );
      expect(engineSurvived).toBe(true);
      expect(diff).toEqual({ customers: [], missingFactors: 0, missingFeed: 0, extraFeed: 0 });
    },
    SIZE.timeoutMs,
  );
});
