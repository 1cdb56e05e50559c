import type { CloudEvent } from '@trustwatch/schemas';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Policy } from '@trustwatch/scoring';
import { loadPolicy } from '../policy.js';
import { seededEngine, type DirectEngine } from '../test-support/direct.js';
import { CUSTOMERS, storeState } from '../test-support/harness.js';
import { supplierMove } from '../test-support/events.js';
import { swapSeries } from '../test-support/recovery.js';

/** Two firmware changes of each customer, each customer's pair back to back: a, a, b, b, c, c, ... */
function pairs(): CloudEvent[] {
  return CUSTOMERS.flatMap((customer, i) => swapSeries([customer], 2, i * 2));
}

/** Every fixture customer's feed, oldest first: the causes and the overall scores of each change. */
async function feedsOf(engine: DirectEngine): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const customer of CUSTOMERS) {
    const page = await engine.store.feed(customer, { limit: 100 });
    out[customer] = page.entries.map((e) => [e.change.causeEventIds, e.change.overall]).reverse();
  }
  return out;
}

describe('the batch handler on a run whose customers repeat', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy();
  });

  it("applies in as many waves as the busiest customer has events, each customer's in order", async () => {
    const sequential = await seededEngine(policy);
    for (const event of pairs()) await sequential.feed(event);
    const engine = await seededEngine(policy);
    const applies = vi.spyOn(engine.store, 'fanOut');
    const outcomes = await engine.feedBatch(pairs());
    // Cut at every repeat, the run would be a wave per customer boundary (a | a b | b c | ... | d).
    expect(CUSTOMERS.length).toBeGreaterThan(2);
    expect(applies).toHaveBeenCalledTimes(2);
    expect(outcomes.map((o) => o.status)).toEqual(pairs().map(() => 'done'));
    expect(await storeState(engine.store)).toEqual(await storeState(sequential.store));
  });

  it("never lets a customer's firmware change overtake a waiting supplier change that reaches it", async () => {
    // The second move of one supplier waits for the first; the swap after them is of a customer the
    // second move reaches (acme buys Dell), so it must be scored after that move, as one by one.
    const run = [
      supplierMove('wistron', 'lenovo', 'power-supply', 'MX', 'CN', '2026-11-21'),
      supplierMove('wistron', 'dell', 'motherboard', 'MX', 'CN', '2026-11-21'),
      ...swapSeries(['acme'], 1, 48),
    ];
    const sequential = await seededEngine(policy);
    for (const event of run) await sequential.feed(event);
    const engine = await seededEngine(policy);
    await engine.feedBatch(run);
    // In the feed's order: each change's cause and its before and after scores.
    expect(await feedsOf(engine)).toEqual(await feedsOf(sequential));
    expect(await storeState(engine.store)).toEqual(await storeState(sequential.store));
  });

  it('records the handled prefix of the run as its position, never past an event a wave left waiting', async () => {
    const engine = await seededEngine(policy);
    const [first, second] = CUSTOMERS;
    if (first === undefined || second === undefined) throw new Error('two fixture customers needed');
    // Offsets 0, 1, 2: the first wave applies 0 and 2, the second (which fails) would apply 1.
    const run = [...swapSeries([first], 2), ...swapSeries([second], 1, 5)];
    const fanOut = engine.store.fanOut.bind(engine.store);
    vi.spyOn(engine.store, 'fanOut')
      .mockImplementationOnce(fanOut)
      .mockRejectedValueOnce(new Error('store unavailable'));
    await expect(engine.feedBatch(run)).rejects.toThrow('store unavailable');
    // Restarting from the store resumes at offset 1: the waiting event is handled again.
    expect((await engine.store.resumeOffsets('news.classified')).get(0)).toBe('1');
    const feeds = await Promise.all(
      [first, second].map(async (c) => (await engine.store.feed(c, { limit: 10 })).entries.length),
    );
    expect(feeds).toEqual([1, 1]);
  });
});
