import { createMemoryBus } from '@trustwatch/bus';
import { decodeEvent } from '@trustwatch/schemas';
import { summarize, type Policy } from '@trustwatch/scoring';
import { createMemoryTrustStore, type TrustStore } from '@trustwatch/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryAdvisoryCatalog } from '../advisories/advisory-catalog.js';
import { createMemoryDecaySchedule } from '../decay/decay-schedule.js';
import { loadPolicy } from '../policy.js';
import { seedPortfolio } from '../test-support/direct.js';
import { bigHack, firmwareSwap } from '../test-support/events.js';
import { silentLog } from '../test-support/harness.js';
import { createEventHandler } from './handle-event.js';
import { createSerializer } from './serialize.js';

/** A store whose fan-outs all read before any of them writes: the race two engine instances can hit. */
function racingStore(store: TrustStore, racers: number): TrustStore {
  let waiting: (() => void)[] = [];
  const barrier = () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (waiting.length === racers) {
        for (const release of waiting) release();
        waiting = [];
      }
    });
  return {
    ...store,
    async fanOut(customerIds, compute, extras) {
      const snapshots = await store.loadCustomers(customerIds);
      await barrier();
      return store.applyMany(compute(snapshots), extras);
    },
  };
}

async function race(policy: Policy, settle: boolean) {
  const base = createMemoryTrustStore();
  await seedPortfolio(base);
  const store = racingStore(base, 2);
  const bus = createMemoryBus({ logger: silentLog });
  await bus.ensureTopics(['trust.changed']);
  // Two instances: separate serializers, one store, as two processes in one consumer group.
  const engines = [0, 1].map(() =>
    createEventHandler({
      store,
      bus,
      policy,
      log: silentLog,
      schedule: createMemoryDecaySchedule(),
      advisories: createMemoryAdvisoryCatalog(),
      source: 'trustwatch://trust-engine',
      serialize: createSerializer(),
      settle,
    }),
  );
  const context = (offset: string) => ({
    topic: 'news.classified' as const,
    partition: 0,
    offset,
    attempt: 1,
    log: silentLog,
  });
  await Promise.all([
    engines[0]?.(decodeEvent(bigHack()), context('0')),
    engines[1]?.(decodeEvent(firmwareSwap('acme', 'sm-1', '2018-10-04T09:00:00Z')), context('1')),
  ]);
  const stored = await base.getSummary('acme');
  const factors = await base.getFactors('acme');
  const expected = summarize({ customerId: 'acme', factors, at: stored?.at ?? '', policy }).summary;
  return { stored, expected, factorCount: factors.length };
}

describe('racing engine instances', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy();
  });

  it('repairs a summary computed without the factor a concurrent instance added', async () => {
    const { stored, expected, factorCount } = await race(policy, true);
    expect(factorCount).toBe(2);
    expect(stored?.overall.score).toBe(expected.overall.score);
    expect(stored?.factorCount).toBe(2);
  });

  it('leaves the stale summary in place when the repair is turned off', async () => {
    const { stored, expected } = await race(policy, false);
    expect(stored?.overall.score).not.toBe(expected.overall.score);
  });
});
