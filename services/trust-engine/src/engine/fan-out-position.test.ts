import { factorId, type SharedFactor } from '@trustwatch/schemas';
import {
  createMemoryTrustStore,
  StoreError,
  type CustomerEffects,
  type CustomerSnapshot,
  type TrustStore,
} from '@trustwatch/store';
import { describe, expect, it } from 'vitest';
import { fanOutSettled } from './fan-out-settled.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const position = { topic: 'news.classified', partition: 0, offset: '7' };

const allegation: SharedFactor = {
  id: factorId('news_allegation', null, 'story-1'),
  kind: 'news_allegation',
  scope: { level: 'entity', entity: { kind: 'vendor', id: 'newco' }, vendorId: 'newco' },
  severity: 0.9,
  credibility: 0.6,
  occurredAt: new Date(T0).toISOString(),
  halfLifeHours: 720,
  status: 'active',
  evidence: { eventIds: ['evt-7'], urls: [], outlets: ['outlet-a'] },
  reassessments: [],
  summary: 'Allegation about a vendor nobody owns yet',
};

/** Effects that only mark the customer as having seen `eventId`: enough to take part in a race. */
function touch(eventId: string) {
  return (snapshots: readonly CustomerSnapshot[]): CustomerEffects[] =>
    snapshots.map((s) => ({
      customerId: s.customerId,
      eventId,
      version: T0,
      expectedRevision: s.revision,
    }));
}

/**
 * A memory store where another instance writes to `loser` between this fan-out's read and its apply
 * (the race the revision check catches), and whose server goes away after `serveFanOuts` fan-outs.
 */
function racedStore(loser: string, serveFanOuts: number): TrustStore {
  const base = createMemoryTrustStore();
  let fanOuts = 0;
  return {
    ...base,
    async fanOut(customerIds, compute, extras) {
      fanOuts += 1;
      if (fanOuts > serveFanOuts) throw new StoreError('UNAVAILABLE', 'Redis went away');
      const snapshots = await base.loadCustomers(customerIds);
      if (fanOuts === 1) {
        const [winner] = await base.loadCustomers([loser]);
        await base.applyMany(touch('other-instance')(winner ? [winner] : []));
      }
      return base.applyMany(compute(snapshots), extras);
    },
  };
}

describe('the Kafka position recorded by a fan-out', () => {
  it('does not say a record was applied while a customer that lost a race still waits for its retry', async () => {
    const store = racedStore('b', 1);
    await store.recordProgress({ ...position, offset: '6' });
    await expect(fanOutSettled(store, ['a', 'b'], touch('evt-7'), { progress: position })).rejects.toThrow(
      'Redis went away',
    );
    // A rewind must come back to offset 7: customer b has not got its effects yet.
    expect((await store.resumeOffsets(position.topic)).get(0)).toBe('7');
  });

  it('says the record was applied once the retry of the race loser landed', async () => {
    const store = racedStore('b', 2);
    const outcomes = await fanOutSettled(store, ['a', 'b'], touch('evt-7'), { progress: position });
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
    expect((await store.resumeOffsets(position.topic)).get(0)).toBe('8');
  });

  it('records the position of a record nobody raced for after its single round', async () => {
    const store = racedStore('nobody', 1);
    await fanOutSettled(store, ['a'], touch('evt-7'), { progress: position });
    expect((await store.resumeOffsets(position.topic)).get(0)).toBe('8');
  });

  it('stores the shared factor of a news item about a vendor no customer owns yet, for a later fleet to bind', async () => {
    const base = createMemoryTrustStore();
    const shared = [{ factor: allegation, version: T0 }];
    await fanOutSettled(base, [], touch('evt-7'), { shared, progress: position });
    expect((await base.sharedFactorsOfVendor('newco')).map((f) => f.id)).toEqual([allegation.id]);
    expect((await base.resumeOffsets(position.topic)).get(0)).toBe('8');
  });
});
