import { integrationTargets } from '@trustwatch/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { budgetLeft, SEED, SIZES_IN_USE as SIZE } from './config.js';
import { generateEventSet, seededRandom } from './harness/event-set.js';
import { KafkaRun } from './harness/kafka-run.js';
import { oracleState } from './harness/oracle.js';
import { recordResult } from './harness/results.js';
import { silentLog } from './harness/silent-log.js';
import { diffStates } from './harness/state.js';
import { max, median } from './harness/stats.js';
import { sleep, waitFor } from './harness/wait.js';

const runs: KafkaRun[] = [];
afterAll(async () => {
  for (const run of runs) await run.dispose();
});

describe('fault 1: SIGKILL of the engine process', () => {
  it(
    'loses no event and absorbs every redelivery when the engine is killed mid-batch again and again',
    async () => {
      const startedAt = Date.now();
      const set = generateEventSet(SEED, SIZE.events, SIZE.customers);
      const expected = await oracleState(set, silentLog);
      const run = await KafkaRun.open(set, integrationTargets(), silentLog, 'sigkill');
      runs.push(run);
      const random = seededRandom(SEED + 1);
      const restartToCommit: number[] = [];
      // The stream is produced in one slice per kill, so the kills spread over all of it: published
      // at once, the engine finished 10,000 events after 20 kills, each restart costing about 11 s.
      const slice = Math.ceil(set.events.length / SIZE.kills);
      let published = 0;
      let kills = 0;
      let idleKills = 0;
      let child = await run.fleet.start();
      while (kills < SIZE.kills) {
        const before = await run.committed();
        const end = Math.min(set.events.length, published + slice);
        await run.publishSlice(published, end);
        published = end;
        // A random point of the slice: after the engine committed some of it, within its next batches.
        await waitFor(async () => (await run.committed()) > before, 120_000, 'a commit of the slice', 25);
        await sleep(Math.floor(random() * 400));
        await run.fleet.kill(child);
        kills += 1;
        const atKill = await run.committed();
        const restartedAt = Date.now();
        child = await run.fleet.start();
        if (atKill >= published) {
          // The slice was done before the kill landed: nothing to commit until the next one.
          idleKills += 1;
          continue;
        }
        await waitFor(
          async () => (await run.committed()) > atKill,
          120_000,
          'a commit after the restart',
          25,
        );
        restartToCommit.push(Date.now() - restartedAt);
      }
      await run.publishSlice(published, set.events.length);
      await run.drained(budgetLeft(startedAt));
      const diff = diffStates(expected, await run.state());
      const redelivered = run.fleet.redeliveries();
      const passed = diff.customers.length === 0 && kills === SIZE.kills;
      recordResult(
        {
          fault: '1-sigkill',
          title: 'SIGKILL the engine at random points of the stream',
          criterion: 'final state equals the oracle (lost 0, duplicates absorbed); every kill mid-stream',
          passed,
          figures: {
            events: set.events.length,
            kills,
            'kills after the engine had finished its slice': idleKills,
            'events lost (oracle factors missing)': diff.missingFactors,
            'trust changes lost (oracle feed entries missing)': diff.missingFeed,
            'trust changes applied twice (feed entries not in the oracle)': diff.extraFeed,
            'customers differing from the oracle': diff.customers.length,
            'events redelivered and absorbed': redelivered.events,
            'extra handler runs': redelivered.extraRuns,
            'restart to first commit, median (ms)': median(restartToCommit),
            'restart to first commit, max (ms)': max(restartToCommit),
          },
        },
        startedAt,
      );
      expect(kills).toBe(SIZE.kills);
      expect(diff).toEqual({ customers: [], missingFactors: 0, missingFeed: 0, extraFeed: 0 });
    },
    SIZE.timeoutMs,
  );
});
