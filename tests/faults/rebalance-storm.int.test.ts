import { integrationTargets } from '@trustwatch/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { budgetLeft, SEED, SIZES_IN_USE as SIZE } from './config.js';
import { generateEventSet, seededRandom } from './harness/event-set.js';
import { KafkaRun } from './harness/kafka-run.js';
import { oracleState } from './harness/oracle.js';
import { recordResult } from './harness/results.js';
import { silentLog } from './harness/silent-log.js';
import { diffStates } from './harness/state.js';
import { sleep } from './harness/wait.js';

const MAX_MEMBERS = 3;
const runs: KafkaRun[] = [];
afterAll(async () => {
  for (const run of runs) await run.dispose();
});

describe('fault 2: rebalance storm', () => {
  it(
    'ends in the oracle state while engines join and leave the group during publishing',
    async () => {
      const startedAt = Date.now();
      const set = generateEventSet(SEED + 2, SIZE.events, SIZE.customers);
      const expected = await oracleState(set, silentLog);
      const run = await KafkaRun.open(set, integrationTargets(), silentLog, 'storm');
      runs.push(run);
      const random = seededRandom(SEED + 2);
      const members = [await run.fleet.start()];
      const chunks = SIZE.stormSteps * 2;
      let joins = 0;
      let leaves = 0;
      const topics = [...run.topics];
      for (let chunk = 0; chunk < chunks; chunk += 1) {
        for (const [topic, events] of topics) {
          const share = events.slice(
            Math.floor((chunk * events.length) / chunks),
            Math.floor(((chunk + 1) * events.length) / chunks),
          );
          if (share.length > 0) await run.bus.publish(topic, share);
        }
        if (chunk % 2 === 1) continue;
        // Grow while small, shrink while large, otherwise either: the group never settles for long.
        const grow = members.length === 1 || (members.length < MAX_MEMBERS && random() < 0.5);
        if (grow) {
          members.push(await run.fleet.start());
          joins += 1;
        } else {
          const leaving = members.splice(Math.floor(random() * members.length), 1)[0];
          // SIGTERM: the engine drains, commits and leaves the group, as a scale-down does.
          if (leaving !== undefined) await run.fleet.kill(leaving, 'SIGTERM');
          leaves += 1;
        }
        await sleep(500 + Math.floor(random() * 1_500));
      }
      const publishedAt = Date.now();
      await run.drained(budgetLeft(startedAt));
      const drainMs = Date.now() - publishedAt;
      const diff = diffStates(expected, await run.state());
      const redelivered = run.fleet.redeliveries();
      recordResult(
        {
          fault: '2-rebalance-storm',
          title: 'Rebalance storm: engines join and leave while events are published',
          criterion: 'final state equals the oracle (lost 0, duplicates absorbed)',
          passed: diff.customers.length === 0,
          figures: {
            events: set.events.length,
            joins,
            'graceful leaves': leaves,
            'events lost (oracle factors missing)': diff.missingFactors,
            'trust changes lost': diff.missingFeed,
            'trust changes applied twice': diff.extraFeed,
            'customers differing from the oracle': diff.customers.length,
            'events redelivered and absorbed': redelivered.events,
            'last publish to all committed (ms)': drainMs,
          },
        },
        startedAt,
      );
      expect(joins + leaves).toBe(SIZE.stormSteps);
      expect(diff).toEqual({ customers: [], missingFactors: 0, missingFeed: 0, extraFeed: 0 });
    },
    SIZE.timeoutMs,
  );
});
