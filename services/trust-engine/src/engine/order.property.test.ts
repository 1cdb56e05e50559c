import type { CloudEvent } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy.js';
import { directEngine, seedPortfolio } from '../test-support/direct.js';
import { timeline } from '../test-support/events.js';
import { CUSTOMERS } from '../test-support/harness.js';

/** Interleaves per-topic sequences as Kafka may (order kept within a topic), then inserts redeliveries. */
function interleave(
  topics: CloudEvent[][],
  choices: number[],
  redeliveries: [number, number][],
): CloudEvent[] {
  const queues = topics.map((q) => [...q]);
  const out: CloudEvent[] = [];
  for (const choice of choices) {
    const open = queues.filter((q) => q.length > 0);
    const next = open[choice % Math.max(1, open.length)]?.shift();
    if (next !== undefined) out.push(next);
  }
  for (const q of queues) out.push(...q);
  for (const [at, pick] of redeliveries) {
    const position = at % (out.length + 1);
    const earlier = out.slice(0, position);
    const again = earlier[pick % Math.max(1, earlier.length)];
    if (again !== undefined) out.splice(position, 0, again);
  }
  return out;
}

async function finalState(policy: Policy, events: readonly CloudEvent[]) {
  const engine = await directEngine(policy);
  await seedPortfolio(engine.store);
  for (const event of events) await engine.feed(event);
  const state: Record<string, unknown> = {};
  for (const customer of CUSTOMERS) {
    const summary = await engine.store.getSummary(customer);
    state[customer] = {
      at: summary?.at,
      overall: summary?.overall.score,
      vendors: summary?.vendors.map((v) => [v.vendorId, v.score]),
      factors: (await engine.store.getFactors(customer)).map((f) => [
        f.id,
        f.status,
        f.reassessments.length,
        f.exposure,
      ]),
    };
  }
  return state;
}

describe('order and redelivery', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy();
  });

  it('reaches the same scores and factors whatever the interleaving of topics and however often events are redelivered', async () => {
    const topics = timeline().map(([, events]) => events);
    const reference = await finalState(policy, topics.flat());
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { minLength: 10, maxLength: 10 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
        async (choices, redeliveries) => {
          expect(await finalState(policy, interleave(topics, choices, redeliveries))).toEqual(reference);
        },
      ),
      { numRuns: 25 },
    );
  });
});
