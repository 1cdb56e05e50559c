import type { ApplyOutcome, TrustStore } from '@trustwatch/store';
import { describe, expect, it } from 'vitest';
import { fanOutSettled } from './fan-out-settled.js';

/** A fan-out that reports the listed customers as conflicts for the first `rounds` calls. */
function contended(conflicting: readonly string[], rounds: number) {
  const calls: { ids: readonly string[]; extras: unknown }[] = [];
  const recorded: unknown[] = [];
  const store: Pick<TrustStore, 'fanOut' | 'recordProgress'> = {
    recordProgress(position) {
      recorded.push(position);
      return Promise.resolve();
    },
    fanOut(customerIds, _compute, extras) {
      calls.push({ ids: customerIds, extras });
      const losing = calls.length <= rounds;
      return Promise.resolve(
        customerIds.map((customerId): ApplyOutcome =>
          losing && conflicting.includes(customerId)
            ? { status: 'conflict', customerId, revision: calls.length }
            : { status: 'applied', customerId, stale: 0, feedId: null },
        ),
      );
    },
  };
  return { store, calls, recorded };
}

describe('fanOutSettled', () => {
  it('fans out again to the conflicting customers only, then records the position after the last round', async () => {
    const { store, calls, recorded } = contended(['b'], 2);
    const progress = { topic: 'news', partition: 0, offset: '4' };
    const extras = { progress };
    const outcomes = await fanOutSettled(store, ['a', 'b', 'c'], () => [], extras);
    expect(outcomes.map((o) => [o.customerId, o.status])).toEqual([
      ['a', 'applied'],
      ['b', 'applied'],
      ['c', 'applied'],
    ]);
    expect(calls).toEqual([
      { ids: ['a', 'b', 'c'], extras: {} },
      { ids: ['b'], extras: {} },
      { ids: ['b'], extras: {} },
    ]);
    expect(recorded).toEqual([progress]);
  });

  it('gives up with a retriable error when a customer keeps changing under every round', async () => {
    const { store, calls } = contended(['a'], Number.POSITIVE_INFINITY);
    await expect(fanOutSettled(store, ['a'], () => [])).rejects.toMatchObject({
      code: 'CONTENDED',
      retriable: true,
    });
    expect(calls).toHaveLength(5);
  });
});
