import type { Policy } from '@trustwatch/scoring';
import { createMemoryTrustStore, type TrustStore } from '@trustwatch/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy.js';
import { directEngine, seedPortfolio } from '../test-support/direct.js';
import { bigHack, reimport, x12Board } from '../test-support/events.js';
import { PORTFOLIO, storeState } from '../test-support/harness.js';
import { gateStore } from './race-gate.js';

// Umbrella runs Lenovo only until this re-import adds a Super Micro board, the day after the claim.
const IMPORTED_AT = '2018-10-05T12:00:00Z';
const reimportUmbrella = (store: TrustStore) =>
  reimport(
    store,
    'umbrella',
    [...(PORTFOLIO.customers['umbrella'] ?? []), x12Board('umbrella-sm-1', '1.04.16')],
    IMPORTED_AT,
  );

/** The claim handled, then the re-import and its fleet.changed: what any interleaving must leave. */
async function sequential(policy: Policy) {
  const engine = await directEngine(policy);
  await seedPortfolio(engine.store);
  await engine.feed(bigHack());
  await engine.feed(await reimportUmbrella(engine.store));
  return storeState(engine.store);
}

describe('a news claim and a re-imported fleet handled at the same moment by two engine instances', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy();
  });

  it('binds the claim to a customer whose fleet gained the vendor after the claim read its customers', async () => {
    const reference = await sequential(policy);
    const store = createMemoryTrustStore();
    await seedPortfolio(store);
    const gate = gateStore(store, 'customersOfVendor', 'after');
    const claims = await directEngine(policy, gate.store);
    const fleets = await directEngine(policy, store);
    const running = claims.feed(bigHack());
    await gate.reached(running);
    await fleets.feed(await reimportUmbrella(store));
    gate.release();
    await running;
    expect((await store.getFactors('umbrella')).map((f) => f.kind)).toEqual(['news_allegation']);
    expect(await storeState(store)).toEqual(reference);
  });

  it('binds the claim when the fleet planner read the shared factors before the claim was handled', async () => {
    const reference = await sequential(policy);
    const store = createMemoryTrustStore();
    await seedPortfolio(store);
    const gate = gateStore(store, 'sharedFactorsOfVendor', 'after');
    const fleets = await directEngine(policy, gate.store);
    const claims = await directEngine(policy, store);
    const running = fleets.feed(await reimportUmbrella(store));
    await gate.reached(running);
    await claims.feed(bigHack());
    gate.release();
    await running;
    expect(await storeState(store)).toEqual(reference);
  });
});
