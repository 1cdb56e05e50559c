import type { CloudEvent } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy.js';
import { directEngine, seedPortfolio } from '../test-support/direct.js';
import { answers, bigHack } from '../test-support/events.js';

/** What the claim and its answers leave in the store for the Super Micro customers. */
async function finalState(policy: Policy, events: readonly CloudEvent[]) {
  const engine = await directEngine(policy);
  await seedPortfolio(engine.store);
  for (const event of events) await engine.feed(event);
  const state: Record<string, unknown> = {};
  for (const customer of ['acme', 'globex']) {
    state[customer] = {
      summary: await engine.store.getSummary(customer),
      factors: await engine.store.getFactors(customer),
    };
  }
  return state;
}

describe('answers arriving before their claim', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy();
  });

  it('are kept and applied when the claim arrives, so any order of claim and answers ends the same', async () => {
    const story = [bigHack(), ...answers()];
    const reference = await finalState(policy, story);
    const [claim] = (reference['acme'] as { factors: { reassessments: unknown[] }[] }).factors;
    expect(claim?.reassessments).toHaveLength(answers().length);
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(story, { minLength: story.length, maxLength: story.length }),
        fc.array(fc.nat({ max: story.length - 1 }), { maxLength: 3 }),
        async (order, repeats) => {
          const events = [...order, ...repeats.map((i) => order[i]).filter((e) => e !== undefined)];
          expect(await finalState(policy, events)).toEqual(reference);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('count in full when every answer came before the claim', async () => {
    const reference = await finalState(policy, [bigHack(), ...answers()]);
    expect(await finalState(policy, [...answers().reverse(), bigHack()])).toEqual(reference);
  });
});
