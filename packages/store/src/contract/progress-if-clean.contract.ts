import { expect, it } from 'vitest';
import type { ApplyOutcome, CustomerSnapshot, KafkaPosition, StoreLimits, TrustStore } from '../port.js';
import { customerFactor, sharedNewsFactor, summaryAt } from './builders.js';

type Factory = (options: { now: () => number; limits: Partial<StoreLimits> }) => Promise<TrustStore>;
const T0 = 1_790_000_000_000;
let counter = 0;
const unique = (label: string): string => `${label}-pic-${String(process.pid)}-${String(++counter)}`;

const rescore = (eventId: string) => (snapshots: readonly CustomerSnapshot[]) =>
  snapshots.map((s) => ({
    customerId: s.customerId,
    eventId,
    version: T0,
    summary: summaryAt(s.customerId, T0, 70),
  }));

/** Another engine instance applying to `customerId`, started between a fan-out's read and its apply. */
function racer(store: TrustStore, customerId: string) {
  let concurrent: Promise<ApplyOutcome[]> = Promise.resolve([]);
  return {
    start(): void {
      const effects = {
        customerId,
        eventId: 'other',
        version: T0,
        factors: [customerFactor(customerId, 'fw')],
      };
      concurrent = store.applyMany([effects]);
    },
    done: (): Promise<ApplyOutcome[]> => concurrent,
  };
}

/**
 * `progressIfClean`: a Kafka position recorded with the last applies only when no customer of the call
 * came back `conflict`, part of the trust store contract.
 */
export function progressIfCleanContract(factory: Factory): void {
  const position = (topic: string, offset: string): KafkaPosition => ({ topic, partition: 3, offset });

  it('records the position of a fan-out in which every customer was applied', async () => {
    const store = await factory({ now: () => T0, limits: { chunkSize: 2 } });
    const topic = unique('news');
    const customers = [unique('c'), unique('c'), unique('c')];
    const result = await store.fanOutWithProgress(customers, rescore('news-1'), {
      progressIfClean: position(topic, '41'),
    });
    expect(result.outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'applied']);
    expect(result.progressRecorded).toBe(true);
    expect(await store.resumeOffsets(topic)).toEqual(new Map([[3, '42']]));
  });

  it('leaves the position unrecorded when a customer of the last chunk lost a race, until its retry lands', async () => {
    const store = await factory({ now: () => T0, limits: {} });
    const topic = unique('news');
    const [calm, raced] = [unique('c'), unique('c')];
    const race = racer(store, raced);
    const first = await store.fanOutWithProgress(
      [calm, raced],
      (snapshots) => {
        race.start();
        return rescore('news-2')(snapshots);
      },
      { progressIfClean: position(topic, '7') },
    );
    expect((await race.done())[0]?.status).toBe('applied');
    expect(first.outcomes.map((o) => [o.customerId, o.status])).toEqual([
      [calm, 'applied'],
      [raced, 'conflict'],
    ]);
    expect(first.progressRecorded).toBe(false);
    expect(await store.resumeOffsets(topic)).toEqual(new Map());
    const retry = await store.fanOutWithProgress([raced], rescore('news-2'), {
      progressIfClean: position(topic, '7'),
    });
    expect(retry.outcomes.map((o) => o.status)).toEqual(['applied']);
    expect(retry.progressRecorded).toBe(true);
    expect(await store.resumeOffsets(topic)).toEqual(new Map([[3, '8']]));
  });

  it('leaves the position unrecorded when an earlier chunk conflicted, even if the last chunk applied', async () => {
    const store = await factory({ now: () => T0, limits: { chunkSize: 1 } });
    const topic = unique('news');
    const [raced, calm] = [unique('c'), unique('c')];
    const race = racer(store, raced);
    let calls = 0;
    const result = await store.fanOutWithProgress(
      [raced, calm],
      (snapshots) => {
        calls += 1;
        if (calls === 1) race.start();
        return rescore('news-3')(snapshots);
      },
      { progressIfClean: position(topic, '12') },
    );
    await race.done();
    expect(result.outcomes.map((o) => o.status)).toEqual(['conflict', 'applied']);
    expect(result.progressRecorded).toBe(false);
    expect(await store.resumeOffsets(topic)).toEqual(new Map());
  });

  it('stores the shared factors and the position of a fan-out to nobody', async () => {
    const store = await factory({ now: () => T0, limits: {} });
    const topic = unique('news');
    const factor = sharedNewsFactor(unique('story'), unique('vendor'));
    const result = await store.fanOutWithProgress([], rescore('news-4'), {
      shared: [{ factor, version: T0 }],
      progressIfClean: position(topic, '3'),
    });
    expect(result).toEqual({ outcomes: [], progressRecorded: true });
    expect(await store.getSharedFactor(factor.id)).toEqual(factor);
    expect(await store.resumeOffsets(topic)).toEqual(new Map([[3, '4']]));
  });

  it('records a batch position through applyMany exactly when no outcome is a conflict', async () => {
    const store = await factory({ now: () => T0, limits: {} });
    const topic = unique('fw');
    const customer = unique('c');
    const stale = { customerId: customer, eventId: 'late', version: T0, expectedRevision: 5 };
    const refused = await store.applyMany([stale], { progressIfClean: position(topic, '20') });
    expect(refused.map((o) => o.status)).toEqual(['conflict']);
    expect(await store.resumeOffsets(topic)).toEqual(new Map());
    const applied = await store.applyMany([{ ...stale, expectedRevision: 0 }], {
      progressIfClean: position(topic, '20'),
    });
    expect(applied.map((o) => o.status)).toEqual(['applied']);
    expect(await store.resumeOffsets(topic)).toEqual(new Map([[3, '21']]));
  });

  it('reports a plain progress position as recorded and never lowers a recorded one', async () => {
    const store = await factory({ now: () => T0, limits: {} });
    const topic = unique('news');
    await store.recordProgress(position(topic, '30'));
    const result = await store.fanOutWithProgress([unique('c')], rescore('news-5'), {
      progressIfClean: position(topic, '9'),
    });
    expect(result.progressRecorded).toBe(true);
    expect(await store.resumeOffsets(topic)).toEqual(new Map([[3, '31']]));
    const plain = await store.fanOutWithProgress([], rescore('news-6'), { progress: position(topic, '31') });
    expect(plain.progressRecorded).toBe(true);
  });

  it('refuses progress and progressIfClean together, writing nothing', async () => {
    const store = await factory({ now: () => T0, limits: {} });
    const topic = unique('news');
    const both = { progress: position(topic, '1'), progressIfClean: position(topic, '1') };
    await expect(store.fanOutWithProgress([], rescore('x'), both)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(store.applyMany([], both)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await store.resumeOffsets(topic)).toEqual(new Map());
  });
}
