import { expect, it } from 'vitest';
import type { ApplyOutcome, StoreLimits, TrustStore } from '../port.js';
import { customerFactor, summaryAt } from './builders.js';

type Factory = (options: { now: () => number; limits: Partial<StoreLimits> }) => Promise<TrustStore>;
const T0 = 1_790_000_000_000;
let counter = 0;
const unique = (label: string): string => `${label}-rev-${String(process.pid)}-${String(++counter)}`;

/** Optimistic concurrency: per-customer revisions and `conflict` outcomes, part of the store contract. */
export function revisionContract(factory: Factory): void {
  it('counts applied calls per customer and applies effects only at the revision they were read at', async () => {
    const store = await factory({ now: () => T0, limits: {} });
    const customer = unique('cust');
    expect((await store.loadCustomers([customer]))[0]?.revision).toBe(0);
    await store.applyMany([{ customerId: customer, eventId: 'a', version: T0 }]);
    await store.applyMany([{ customerId: customer, eventId: 'a', version: T0 }]);
    expect((await store.loadCustomers([customer]))[0]?.revision).toBe(1);
    const stale = { customerId: customer, eventId: 'b', version: T0, expectedRevision: 0 };
    expect(await store.applyMany([{ ...stale, summary: summaryAt(customer, T0, 40) }])).toEqual([
      { status: 'conflict', customerId: customer, revision: 1 },
    ]);
    expect(await store.getSummary(customer)).toBeNull();
    const [current] = await store.applyMany([{ ...stale, expectedRevision: 1 }]);
    expect(current?.status).toBe('applied');
    // A redelivery is a duplicate whatever revision it carries.
    const [again] = await store.applyMany([{ ...stale, expectedRevision: 0 }]);
    expect(again?.status).toBe('duplicate');
  });

  it('reports a customer another writer moved between the fan-out read and apply as a conflict', async () => {
    const store = await factory({ now: () => T0, limits: {} });
    const [raced, calm] = [unique('cust'), unique('cust')];
    let concurrent: Promise<ApplyOutcome[]> | undefined;
    const outcomes = await store.fanOut([calm, raced], (snapshots) => {
      // Another instance applies to `raced` after this fan-out read it and before it applies.
      concurrent = store.applyMany([
        { customerId: raced, eventId: 'other', version: T0, factors: [customerFactor(raced, 'fw')] },
      ]);
      return snapshots.map((s) => ({
        customerId: s.customerId,
        eventId: 'news',
        version: T0,
        summary: summaryAt(s.customerId, T0, 70),
      }));
    });
    expect((await concurrent)?.[0]?.status).toBe('applied');
    expect(outcomes.map((o) => [o.customerId, o.status])).toEqual([
      [calm, 'applied'],
      [raced, 'conflict'],
    ]);
    expect(await store.getSummary(raced)).toBeNull();
    expect(await store.knowsCustomer(calm)).toBe(true);
    const retried = await store.fanOut([raced], (snapshots) =>
      snapshots.map((s) => ({
        customerId: s.customerId,
        eventId: 'news',
        version: T0,
        summary: summaryAt(s.customerId, T0, 60),
      })),
    );
    expect(retried.map((o) => o.status)).toEqual(['applied']);
    expect((await store.getSummary(raced))?.overall.score).toBe(60);
  });
}
