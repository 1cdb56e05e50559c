import { describe, expect, it } from 'vitest';
import { budgetLeft, SEED, SIZES_IN_USE as SIZE } from './config.js';
import { rssBytes } from './harness/engine-process.js';
import { generateEventSet } from './harness/event-set.js';
import { oracleState } from './harness/oracle.js';
import { runOnPrivateRedis, teardownAfterAll } from './harness/redis-run.js';
import { recordResult } from './harness/results.js';
import { silentLog } from './harness/silent-log.js';
import { diffStates } from './harness/state.js';
import { sleep, waitFor } from './harness/wait.js';

const MIB = 1_048_576;
// In-flight commits may still land just after the freeze; progress is judged from then on.
const SETTLE_MS = 2_000;
const defer = teardownAfterAll();

describe('fault 5: Redis unreachable under load', () => {
  it(
    'holds its offsets and bounded memory while Redis is frozen, then catches up to the oracle state',
    async () => {
      const startedAt = Date.now();
      const set = generateEventSet(SEED + 5, SIZE.events, SIZE.customers);
      const expected = await oracleState(set, silentLog);
      const { redis, run } = await runOnPrivateRedis(set, 'redis-outage', defer);
      const engine = await run.fleet.start();
      await run.closeStore();
      const half = Math.floor(set.events.length / 2);
      // The first half is published, then Redis freezes while the engine is busy, and the second half
      // arrives during the outage: the load the consumer must hold back instead of buffering.
      const topics = [...run.topics];
      const publish = async (from: number, to: number) => {
        for (const [topic, events] of topics) {
          const share = events.slice(
            Math.floor((from * events.length) / set.events.length),
            Math.floor((to * events.length) / set.events.length),
          );
          if (share.length > 0) await run.bus.publish(topic, share);
        }
      };
      await publish(0, half);
      await waitFor(async () => (await run.committed()) >= half / 4, 120_000, 'the engine under way');
      redis.signal('SIGSTOP');
      const frozenAt = Date.now();
      const baseline = rssBytes(engine.pid);
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(engine.pid))), 250);
      await publish(half, set.events.length);
      await sleep(Math.max(0, frozenAt + SETTLE_MS - Date.now()));
      const heldFrom = await run.committed();
      await sleep(Math.max(0, frozenAt + SIZE.outageMs - Date.now()));
      const heldTo = await run.committed();
      clearInterval(sampler);
      redis.signal('SIGCONT');
      const resumedAt = Date.now();
      await run.drained(budgetLeft(startedAt));
      const catchUpMs = Date.now() - resumedAt;
      const engineAlive = engine.exitCode === null && engine.signalCode === null;
      const diff = diffStates(expected, await run.state());
      const growthMiB = Math.round(((peak - baseline) / MIB) * 10) / 10;
      const passed = heldTo === heldFrom && diff.customers.length === 0;
      recordResult(
        {
          fault: '5-redis-outage',
          title: `Redis frozen (SIGSTOP) for ${String(SIZE.outageMs / 1000)} s under load`,
          criterion:
            'offsets do not advance during the outage, the engine catches up by itself to the oracle state',
          passed,
          figures: {
            events: set.events.length,
            'outage (ms)': SIZE.outageMs,
            'commits during the outage (records)': heldTo - heldFrom,
            'peak RSS growth during the outage (MiB)': growthMiB,
            'engine RSS at freeze (MiB)': Math.round(baseline / MIB),
            'resume to all committed (ms)': catchUpMs,
            'same engine process throughout': engineAlive,
            'customers differing from the oracle': diff.customers.length,
            'events lost (oracle factors missing)': diff.missingFactors,
          },
        },
        startedAt,
      );
      expect(heldTo - heldFrom).toBe(0);
      expect(diff).toEqual({ customers: [], missingFactors: 0, missingFeed: 0, extraFeed: 0 });
    },
    SIZE.timeoutMs,
  );
});
