import { describe, expect, it } from 'vitest';
import { StoreError } from '../errors.js';
import type { StoreLimits, TrustStore } from '../port.js';
import { changeAt, customerFactor, sharedNewsFactor, summaryAt } from './builders.js';
import { assetSnapshotsContract } from './asset-snapshots.contract.js';
import { catalogContract } from './catalog.contract.js';
import { fleetContract } from './fleet.contract.js';
import { observedAssetContract } from './observed-asset.contract.js';
import { readsContract } from './reads.contract.js';
import { revisionContract } from './revision.contract.js';
import { pendingAnswersContract } from './pending-answers.contract.js';
import { progressIfCleanContract } from './progress-if-clean.contract.js';
import { vendorCatalogContract } from './vendor-catalog.contract.js';

/** Makes a fresh, isolated store reading time from `now`. */
export type StoreFactory = (options: {
  now: () => number;
  limits: Partial<StoreLimits>;
}) => Promise<TrustStore>;

const T0 = 1_790_000_000_000;
let counter = 0;
/** Unique per call, so runs against a shared Redis never meet each other's data. */
export const uniqueId = (label: string): string => `${label}-${String(process.pid)}-${String(++counter)}`;

async function setup(factory: StoreFactory, limits: Partial<StoreLimits> = {}) {
  const clock = { t: T0 };
  const store = await factory({ now: () => clock.t, limits });
  return { store, clock, customer: uniqueId('cust') };
}

/** The behaviour every TrustStore adapter must show; run against memory and against real Redis. */
export function trustStoreContract(name: string, factory: StoreFactory): void {
  describe(`${name} trust store contract`, () => {
    it('applies an event once even when it is delivered twice', async () => {
      const { store, customer } = await setup(factory);
      const effects = {
        customerId: customer,
        eventId: 'e1',
        version: T0,
        factors: [customerFactor(customer, 'a')],
      };
      const [first] = await store.applyMany([effects]);
      const [second] = await store.applyMany([{ ...effects, factors: [customerFactor(customer, 'a', 0.9)] }]);
      expect(first?.status).toBe('applied');
      expect(second?.status).toBe('duplicate');
      expect((await store.getFactors(customer)).map((f) => f.severity)).toEqual([0.5]);
    });

    it('answers a redelivered event with the feed entry its first application produced', async () => {
      const { store, customer } = await setup(factory);
      const effects = {
        customerId: customer,
        eventId: 'c',
        version: T0,
        change: changeAt(customer, T0, 90, 70),
      };
      const [first] = await store.applyMany([effects]);
      const [again] = await store.applyMany([effects]);
      expect(first?.status).toBe('applied');
      const feedId = first?.status === 'applied' ? first.feedId : null;
      expect(feedId).not.toBeNull();
      expect(again).toEqual({ status: 'duplicate', customerId: customer, feedId });
      expect((await store.feedEntry(customer, feedId ?? '0-0'))?.overall).toEqual({ before: 90, after: 70 });
      expect(await store.feedEntry(customer, '1-0')).toBeNull();
    });

    it('tells whether an event was applied to a customer, and which feed entry it recorded', async () => {
      const { store, customer } = await setup(factory);
      expect(await store.appliedEvent(customer, 'c')).toBeNull();
      const [changed] = await store.applyMany([
        { customerId: customer, eventId: 'c', version: T0, change: changeAt(customer, T0, 90, 70) },
      ]);
      await store.applyMany([
        { customerId: customer, eventId: 'quiet', version: T0, factors: [customerFactor(customer, 'a')] },
      ]);
      const feedId = changed?.status === 'applied' ? changed.feedId : undefined;
      expect(feedId).toEqual(expect.any(String));
      expect(await store.appliedEvent(customer, 'c')).toEqual({ feedId });
      expect(await store.appliedEvent(customer, 'quiet')).toEqual({ feedId: null });
      expect(await store.appliedEvent(`${customer}-other`, 'c')).toBeNull();
    });

    it('refuses to let an older event overwrite a newer factor', async () => {
      const { store, customer } = await setup(factory);
      await store.applyMany([
        {
          customerId: customer,
          eventId: 'new',
          version: T0 + 10,
          factors: [customerFactor(customer, 'a', 0.8)],
        },
      ]);
      const [late] = await store.applyMany([
        { customerId: customer, eventId: 'old', version: T0, factors: [customerFactor(customer, 'a', 0.2)] },
      ]);
      expect(late).toMatchObject({ status: 'applied', stale: 1 });
      expect((await store.getFactors(customer))[0]?.severity).toBe(0.8);
    });

    it('keeps the newest summary current and answers as-of queries from history', async () => {
      const { store, customer } = await setup(factory);
      await store.applyMany([
        {
          customerId: customer,
          eventId: 'b',
          version: T0 + 2000,
          summary: summaryAt(customer, T0 + 2000, 60),
        },
        {
          customerId: customer,
          eventId: 'a',
          version: T0 + 1000,
          summary: summaryAt(customer, T0 + 1000, 80),
        },
      ]);
      expect((await store.getSummary(customer))?.overall.score).toBe(60);
      expect((await store.summaryAsOf(customer, T0 + 1500))?.overall.score).toBe(80);
      expect((await store.summaryAsOf(customer, T0 + 2500))?.overall.score).toBe(60);
      expect(await store.summaryAsOf(customer, T0)).toBeNull();
    });

    it('pages the feed newest first and returns what arrived since a cursor', async () => {
      const { store, customer, clock } = await setup(factory);
      for (let i = 0; i < 5; i += 1) {
        clock.t += 1;
        await store.applyMany([
          {
            customerId: customer,
            eventId: `f${String(i)}`,
            version: clock.t,
            change: changeAt(customer, clock.t, 90, 90 - i),
          },
        ]);
      }
      const first = await store.feed(customer, { limit: 2 });
      expect(first.entries.map((e) => e.change.overall.after)).toEqual([86, 87]);
      const second = await store.feed(customer, { limit: 2, before: first.next ?? '' });
      expect(second.entries.map((e) => e.change.overall.after)).toEqual([88, 89]);
      const third = await store.feed(customer, { limit: 2, before: second.next ?? '' });
      expect(third.entries.map((e) => e.change.overall.after)).toEqual([90]);
      expect(third.next).toBeNull();
      const since = await store.feed(customer, { limit: 10, since: second.entries[0]?.id ?? '' });
      expect(since.entries.map((e) => e.change.overall.after)).toEqual([87, 86]);
    });

    it('caps the feed by entry count and by age', async () => {
      const { store, customer, clock } = await setup(factory, { feedMaxEntries: 3, feedMaxAgeMs: 10_000 });
      for (let i = 0; i < 5; i += 1) {
        clock.t += 1000;
        const change = changeAt(customer, clock.t, 90, i);
        await store.applyMany([{ customerId: customer, eventId: `c${String(i)}`, version: clock.t, change }]);
      }
      expect((await store.feed(customer, { limit: 10 })).entries.map((e) => e.change.overall.after)).toEqual([
        4, 3, 2,
      ]);
      clock.t += 9_500;
      const change = changeAt(customer, clock.t, 90, 5);
      await store.applyMany([{ customerId: customer, eventId: 'late', version: clock.t, change }]);
      expect((await store.feed(customer, { limit: 10 })).entries.map((e) => e.change.overall.after)).toEqual([
        5, 4,
      ]);
    });

    it('stores a shared factor once and binds it to each customer with its own exposure', async () => {
      const { store, customer } = await setup(factory);
      const other = uniqueId('cust');
      const factor = sharedNewsFactor(uniqueId('story'), 'supermicro');
      const exposure = (customerId: string, share: number) => ({
        factorId: factor.id,
        customerId,
        exposure: share,
        vendorExposure: 1,
      });
      await store.applyMany(
        [
          { customerId: customer, eventId: 'n1', version: T0, exposures: [exposure(customer, 0.25)] },
          { customerId: other, eventId: 'n1', version: T0, exposures: [exposure(other, 0.75)] },
        ],
        { shared: [{ factor, version: T0 }] },
      );
      expect(await store.putSharedFactor({ ...factor, credibility: 0.2 }, T0 + 1)).toBe(true);
      expect(await store.putSharedFactor({ ...factor, credibility: 0.9 }, T0)).toBe(false);
      const [mine] = await store.getFactors(customer);
      const [theirs] = await store.getFactors(other);
      expect(mine).toMatchObject({
        origin: 'shared',
        exposure: 0.25,
        credibility: 0.2,
        customerId: customer,
      });
      expect(theirs).toMatchObject({ origin: 'shared', exposure: 0.75, credibility: 0.2, customerId: other });
      expect(await store.getSharedFactor(factor.id)).toMatchObject({ credibility: 0.2 });
      const snapshots = await store.loadCustomers([customer, other, 'nobody']);
      expect(snapshots.map((s) => [s.customerId, s.factors.map((f) => f.exposure), s.summary])).toEqual([
        [customer, [0.25], null],
        [other, [0.75], null],
        ['nobody', [], null],
      ]);
    });

    it('fans a shared factor out to customers chunk by chunk, scoring each from its current inputs', async () => {
      const { store } = await setup(factory, { chunkSize: 2 });
      const customers = Array.from({ length: 5 }, () => uniqueId('cust'));
      await store.applyMany([
        {
          customerId: customers[0] ?? '',
          eventId: 'own',
          version: T0,
          factors: [customerFactor(customers[0] ?? '', 'k')],
        },
      ]);
      const factor = sharedNewsFactor(uniqueId('story'), 'supermicro');
      const seen: number[] = [];
      const outcomes = await store.fanOut(
        customers,
        (snapshots) => {
          seen.push(snapshots.length);
          return snapshots.map((s) => ({
            customerId: s.customerId,
            eventId: 'news',
            version: T0 + 1,
            exposures: [{ factorId: factor.id, customerId: s.customerId, exposure: 0.5, vendorExposure: 1 }],
            summary: summaryAt(s.customerId, T0 + 1, 100 - 10 * s.factors.length),
          }));
        },
        { shared: [{ factor, version: T0 + 1 }] },
      );
      expect(seen).toEqual([2, 2, 1]);
      expect(outcomes.map((o) => o.status)).toEqual(customers.map(() => 'applied'));
      const snapshots = await store.loadCustomers(customers);
      expect(snapshots.map((s) => s.summary?.overall.score)).toEqual([90, 100, 100, 100, 100]);
      expect(snapshots.map((s) => s.factors.length)).toEqual([2, 1, 1, 1, 1]);
      const again = await store.fanOut(customers, (snapshots) =>
        snapshots.map((s) => ({ customerId: s.customerId, eventId: 'news', version: T0 + 1 })),
      );
      expect(again.map((o) => o.status)).toEqual(customers.map(() => 'duplicate'));
    });

    it('loads the scoring inputs of more customers than one chunk holds', async () => {
      const { store } = await setup(factory, { chunkSize: 2 });
      const customers = Array.from({ length: 5 }, () => uniqueId('cust'));
      await store.applyMany(
        customers.map((customerId, i) => ({
          customerId,
          eventId: 'e',
          version: T0,
          factors: [customerFactor(customerId, 'k', i / 10)],
          summary: summaryAt(customerId, T0, 90 - i),
        })),
      );
      const snapshots = await store.loadCustomers(customers);
      expect(snapshots.map((s) => s.customerId)).toEqual(customers);
      expect(snapshots.map((s) => s.summary?.overall.score)).toEqual([90, 89, 88, 87, 86]);
      expect(snapshots.map((s) => s.factors[0]?.severity)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    });

    it('applies more customers than one chunk holds and records the batch position after them', async () => {
      const { store } = await setup(factory, { chunkSize: 3 });
      const topic = uniqueId('topic');
      const customers = Array.from({ length: 7 }, () => uniqueId('cust'));
      const effects = customers.map((customerId) => ({
        customerId,
        eventId: 'fan',
        version: T0,
        factors: [customerFactor(customerId, 'x')],
      }));
      const outcomes = await store.applyMany(effects, { progress: { topic, partition: 2, offset: '41' } });
      expect(outcomes.map((o) => o.status)).toEqual(customers.map(() => 'applied'));
      expect((await store.getFactors(customers[6] ?? '')).length).toBe(1);
      await store.recordProgress({ topic, partition: 2, offset: '7' });
      expect(await store.resumeOffsets(topic)).toEqual(new Map([[2, '42']]));
    });

    it('re-applies nothing twice when a restarted consumer replays from an older committed offset', async () => {
      const { store } = await setup(factory);
      const topic = uniqueId('topic');
      const customers = [uniqueId('cust'), uniqueId('cust')];
      const record = (offset: number) => ({
        customerId: customers[offset % 2] ?? '',
        eventId: `fw-${String(offset)}`,
        version: T0 + offset,
        factors: [customerFactor(customers[offset % 2] ?? '', String(offset))],
        position: { topic, partition: 0, offset: String(offset) },
      });
      const batch = (from: number, to: number) =>
        Array.from({ length: to - from }, (_, i) => record(from + i));
      await store.applyMany(batch(0, 10), { progress: { topic, partition: 0, offset: '9' } });
      // The consumer crashed after the store wrote but before Kafka committed: it restarts at offset 5.
      const replay = await store.applyMany(batch(5, 12), { progress: { topic, partition: 0, offset: '11' } });
      expect(replay.map((o) => o.status)).toEqual([
        ...Array.from({ length: 5 }, () => 'duplicate'),
        'applied',
        'applied',
      ]);
      expect(await store.resumeOffsets(topic)).toEqual(new Map([[0, '12']]));
      const counts = await Promise.all(customers.map(async (c) => (await store.getFactors(c)).length));
      expect(counts).toEqual([6, 6]);
    });

    it('rejects malformed effects before writing anything', async () => {
      const { store, customer } = await setup(factory);
      const bad = {
        customerId: customer,
        eventId: 'bad',
        version: 1.5,
        factors: [customerFactor(customer, 'a')],
      };
      await expect(store.applyMany([bad])).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        retriable: false,
      });
      const foreign = {
        customerId: customer,
        eventId: 'x',
        version: T0,
        factors: [customerFactor('other', 'a')],
      };
      await expect(store.applyMany([foreign])).rejects.toBeInstanceOf(StoreError);
      await expect(store.feed(customer, { limit: 5, before: 'not-a-cursor' })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
      expect(await store.getFactors(customer)).toEqual([]);
    });

    it('keeps supplier links per component category and the published firmware catalog', async () => {
      const { store } = await setup(factory);
      const supplier = uniqueId('sup');
      const vendor = uniqueId('vendor');
      await store.linkSupplier({ supplierId: supplier, vendorId: vendor, category: 'motherboard' }, true);
      await store.linkSupplier({ supplierId: supplier, vendorId: 'dell', category: 'nic' }, true);
      await store.linkSupplier({ supplierId: supplier, vendorId: 'dell', category: 'nic' }, false);
      expect(await store.vendorsOfSupplier(supplier)).toEqual([
        { supplierId: supplier, vendorId: vendor, category: 'motherboard' },
      ]);
      expect(await store.vendorsOfSupplier(supplier, 'nic')).toEqual([]);
      const entry = { vendor, model: 'X12', component: 'bmc', version: '1.2.3', hashes: ['sha256:ab'] };
      await store.publishFirmware(entry);
      await store.publishFirmware({ ...entry, component: 'bios' });
      expect(await store.publishedFirmware(vendor, 'X12', 'bmc')).toEqual([entry]);
    });

    fleetContract(factory);
    observedAssetContract(factory);
    catalogContract(factory);
    assetSnapshotsContract(factory);
    readsContract(factory);
    vendorCatalogContract(factory);
    revisionContract(factory);
    pendingAnswersContract(factory);
    progressIfCleanContract(factory);
  });
}
