import type { CloudEvent } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import type { TrustStore } from '@trustwatch/store';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadPolicy } from '../policy.js';
import { seededEngine, type DirectEngine } from '../test-support/direct.js';
import { bigHack, bmcObserved, supplierMove, timeline } from '../test-support/events.js';
import { CUSTOMERS } from '../test-support/harness.js';
import { swapSeries } from '../test-support/recovery.js';

/**
 * One partition's worth of everything the batch path groups and everything it must keep apart: firmware
 * changes of every customer (some twice in a row), snapshots, supplier moves of one supplier twice and of
 * several vendors, and the news, advisory and fleet events that run on their own.
 */
function workload(): CloudEvent[] {
  const story = timeline().flatMap(([, events]) => events);
  const swaps = swapSeries(CUSTOMERS, 16);
  const moves = [
    supplierMove('wistron', 'dell', 'motherboard', 'CN', 'VN', '2026-11-21'),
    supplierMove('wistron', 'lenovo', 'power-supply', 'CN', 'MX', '2026-11-21'),
    supplierMove('ose', 'supermicro', 'motherboard', 'TW', 'CN', '2026-11-22'),
  ];
  const snapshots = [
    bmcObserved('acme', 'sm-3', '1.04.10', '2026-11-20T05:00:00Z'),
    bmcObserved('globex', 'sm11-1', '1.04.18', '2026-11-20T06:00:00Z'),
  ];
  return [...swaps.slice(0, 6), ...moves, ...snapshots, ...story, ...swaps.slice(6)];
}

async function stateOf(store: TrustStore) {
  const state: Record<string, unknown> = {};
  for (const customer of CUSTOMERS) {
    const feed = await store.feed(customer, { limit: 1000 });
    state[customer] = {
      summary: await store.getSummary(customer),
      factors: (await store.getFactors(customer)).map((f) => [
        f.id,
        f.status,
        f.reassessments.length,
        f.exposure,
      ]),
      feed: feed.entries.map((e) => [e.change.at, e.change.overall, e.change.causeEventIds]),
    };
  }
  return state;
}

/** Records the engine's trust.changed publishes: one list of event ids per call to the bus. */
function publishesOf(engine: DirectEngine): string[][] {
  const calls: string[][] = [];
  const publish = engine.bus.publish.bind(engine.bus);
  vi.spyOn(engine.bus, 'publish').mockImplementation(async (topic, events) => {
    await publish(topic, events);
    if (topic === 'trust.changed') calls.push(events.map((e) => `${e.subject ?? ''} ${e.id}`));
  });
  return calls;
}

/** Each customer's published trust.changed ids, in publish order. */
function perCustomer(calls: readonly string[][]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const entry of calls.flat()) {
    const [customer = '', id = ''] = entry.split(' ');
    (out[customer] ??= []).push(id);
  }
  return out;
}

/** Cuts the events into consecutive runs at the given points. */
function runs(events: readonly CloudEvent[], cuts: readonly number[]): CloudEvent[][] {
  const points = [...new Set(cuts.map((c) => c % events.length))].sort((a, b) => a - b);
  const out: CloudEvent[][] = [];
  let from = 0;
  for (const point of [...points, events.length]) {
    if (point > from) out.push(events.slice(from, point));
    from = Math.max(from, point);
  }
  return out;
}

describe('the batch handler', () => {
  let policy: Policy;
  let reference: Record<string, unknown>;
  beforeAll(async () => {
    policy = await loadPolicy();
    const sequential = await seededEngine(policy);
    for (const event of workload()) await sequential.feed(event);
    reference = await stateOf(sequential.store);
  });

  it('leaves scores, factors and feeds exactly as handling the same events one by one does, however they are cut into batches', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 8 }), async (cuts) => {
        const batched = await seededEngine(policy);
        for (const run of runs(workload(), cuts)) await batched.feedBatch(run);
        expect(await stateOf(batched.store)).toEqual(reference);
      }),
      { numRuns: 20 },
    );
  });

  it("publishes each wave's changes before the next wave applies, each customer's in the order one-by-one handling publishes them", async () => {
    const sequential = await seededEngine(policy);
    const oneByOne = publishesOf(sequential);
    for (const event of workload()) await sequential.feed(event);
    const batched = await seededEngine(policy);
    const steps: string[] = [];
    const publish = batched.bus.publish.bind(batched.bus);
    const inRuns: string[][] = [];
    vi.spyOn(batched.bus, 'publish').mockImplementation(async (topic, events) => {
      steps.push('publish');
      // An acknowledgement that takes a while: the next wave plans meanwhile, but must not apply.
      await new Promise((resolve) => setTimeout(resolve, 5));
      await publish(topic, events);
      if (topic === 'trust.changed') inRuns.push(events.map((e) => `${e.subject ?? ''} ${e.id}`));
      steps.push('acknowledged');
    });
    const fanOut = batched.store.fanOut.bind(batched.store);
    vi.spyOn(batched.store, 'fanOut').mockImplementation((...args) => {
      steps.push('apply');
      return fanOut(...args);
    });
    await batched.feedBatch(workload());
    // The workload holds fan-out events, which run on their own inside the run, and many waves.
    expect(inRuns.length).toBeGreaterThan(5);
    expect(perCustomer(inRuns)).toEqual(perCustomer(oneByOne));
    const unacknowledged = steps.flatMap((step, i) =>
      step === 'apply' &&
      steps.slice(0, i).filter((s) => s === 'publish').length >
        steps.slice(0, i).filter((s) => s === 'acknowledged').length
        ? [i]
        : [],
    );
    expect(unacknowledged).toEqual([]);
  });

  it('publishes what a failed run applied before its error surfaces', async () => {
    const alone = await seededEngine(policy);
    const reference = publishesOf(alone);
    await alone.feed(bigHack());
    const engine = await seededEngine(policy);
    const calls = publishesOf(engine);
    vi.spyOn(engine.store, 'assetInFleet').mockRejectedValueOnce(new Error('store unavailable'));
    const [swap] = swapSeries(['acme'], 1);
    if (swap === undefined) throw new Error('no swap');
    // The news item applies on its own; the firmware wave after it fails in planning.
    await expect(engine.feedBatch([bigHack(), swap])).rejects.toThrow('store unavailable');
    expect(reference.flat().length).toBeGreaterThan(0);
    expect(calls.flat()).toEqual(reference.flat());
  });

  it('surfaces a failed publish, and publishes every change once the events are handled again', async () => {
    const sequential = await seededEngine(policy);
    const reference = publishesOf(sequential);
    for (const event of workload()) await sequential.feed(event);
    const engine = await seededEngine(policy);
    const calls = publishesOf(engine);
    const publish = vi.mocked(engine.bus.publish);
    const working = publish.getMockImplementation();
    publish.mockImplementationOnce(() => Promise.reject(new Error('broker unavailable')));
    await expect(engine.feedBatch(workload())).rejects.toThrow('broker unavailable');
    // Nothing applied after the failed publish.
    expect(calls).toEqual([]);
    if (working !== undefined) publish.mockImplementation(working);
    // The bus hands a failed run's events over again one by one: those applied are duplicates now.
    for (const event of workload()) await engine.feed(event);
    expect(new Set(calls.flat())).toEqual(new Set(reference.flat()));
    expect(await stateOf(engine.store)).toEqual(await stateOf(sequential.store));
  });

  it('absorbs a whole batch delivered again, and a batch holding the same event twice', async () => {
    const events = workload();
    const engine = await seededEngine(policy);
    await engine.feedBatch(events);
    const outcomes = await engine.feedBatch([...events, ...events.slice(0, 5)]);
    expect(outcomes).toHaveLength(events.length + 5);
    expect(await stateOf(engine.store)).toEqual(reference);
  });

  it('reports one outcome per event in order: done for what touched a customer, skipped for the rest', async () => {
    const engine = await seededEngine(policy);
    const [swap] = swapSeries(['acme'], 1);
    const older = bmcObserved('umbrella', 'umbrella-lenovo-1', '1.0', '2000-01-01T00:00:00Z');
    if (swap === undefined) throw new Error('no swap');
    const outcomes = await engine.feedBatch([swap, older]);
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'skipped']);
  });
});
