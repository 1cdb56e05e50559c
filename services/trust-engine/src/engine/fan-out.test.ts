import type { EventTopic } from '@trustwatch/bus';
import type { CloudEvent } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import { createMemoryTrustStore, type TrustStore } from '@trustwatch/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy.js';
import { directEngine } from '../test-support/direct.js';
import { bigHack } from '../test-support/events.js';

/** A store that counts calls per method: the engine must not call it once per customer. */
function countingStore(store: TrustStore): { store: TrustStore; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(property), (calls.get(String(property)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

async function fanOut(policy: Policy, customers: number) {
  const base = createMemoryTrustStore();
  for (let i = 0; i < customers; i += 1) {
    const id = `c${String(i).padStart(5, '0')}`;
    await base.replaceFleet(
      id,
      [
        { id: 'a', vendor: 'supermicro', model: 'X12DPG-OA6', components: [] },
        { id: 'b', vendor: 'dell', model: 'R750', components: [] },
      ],
      1,
    );
  }
  const { store, calls } = countingStore(base);
  const engine = await directEngine(policy, store);
  const published: number[] = [];
  const publish = engine.bus.publish.bind(engine.bus);
  engine.bus.publish = (topic: EventTopic, events: readonly CloudEvent[]) => {
    published.push(events.length);
    return publish(topic, events);
  };
  await engine.feed(bigHack());
  return { calls: Object.fromEntries(calls), published, summaries: await base.loadCustomers(['c00000']) };
}

describe('fan-out', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy();
  });

  it('updates every customer of a vendor with the same number of store calls whether there are 10 or 2,500', async () => {
    const small = await fanOut(policy, 10);
    const large = await fanOut(policy, 2500);
    // The claim stored, then (issued in the same tick: one round trip on Redis) its stored copy, the
    // vendor's customers and the answers that came first; one pipelined fan-out (reads and applies, the
    // Kafka position with its last writes), whatever N.
    expect(large.calls).toEqual(small.calls);
    expect(large.calls).toEqual({
      customersOfVendor: 1,
      fanOut: 1,
      getSharedFactor: 1,
      putSharedFactor: 1,
      pendingAnswers: 1,
    });
    // One trust change per customer, in bounded batches, and nothing else published.
    expect(large.published).toEqual([500, 500, 500, 500, 500]);
    expect(large.summaries[0]?.summary?.overall.score).toBe(small.summaries[0]?.summary?.overall.score);
  });
});
