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
import { fixtureVendorIds, silentLog } from '../test-support/harness.js';
import { createEventHandler } from './handle-event.js';
import { createCustomerLocks } from './customer-locks.js';

/**
 * A store whose first `racers` fan-outs all read before any of them writes: the race two engine
 * instances can hit. Records how many customers each fan-out was asked for.
 */
function racingStore(store: TrustStore, racers: number, fanOuts: number[]): TrustStore {
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
      fanOuts.push(customerIds.length);
      const snapshots = await store.loadCustomers(customerIds);
      if (fanOuts.length <= racers) await barrier();
      return store.applyMany(compute(snapshots), extras);
    },
  };
}

async function race(policy: Policy) {
  const base = createMemoryTrustStore();
  await seedPortfolio(base);
  const fanOuts: number[] = [];
  const store = racingStore(base, 2, fanOuts);
  const bus = createMemoryBus({ logger: silentLog });
  await bus.ensureTopics(['trust.changed']);
  // Two instances: separate customer locks, one store, as two processes in one consumer group.
  const engines = [0, 1].map(() =>
    createEventHandler({
      store,
      bus,
      policy,
      log: silentLog,
      schedule: createMemoryDecaySchedule(),
      advisories: createMemoryAdvisoryCatalog(),
      vendorIdOf: fixtureVendorIds,
      source: 'trustwatch://trust-engine',
      locks: createCustomerLocks(),
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
  return { stored, expected, factorCount: factors.length, fanOuts };
}

describe('racing engine instances', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy();
  });

  it('re-reads and re-scores only the customer a concurrent instance moved, so its summary counts both factors', async () => {
    const { stored, expected, factorCount, fanOuts } = await race(policy);
    expect(factorCount).toBe(2);
    expect(stored?.overall.score).toBe(expected.overall.score);
    expect(stored?.factorCount).toBe(2);
    // Two racing fan-outs (the news item's customers, the firmware change's one), then one retry of
    // Acme alone: the customer both events touch and the loser of the race.
    expect(fanOuts.slice(0, 2).sort((a, b) => a - b)).toEqual([1, 2]);
    expect(fanOuts.slice(2)).toEqual([1]);
  });
});
