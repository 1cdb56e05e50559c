import type { ApplyOutcome, TrustStore } from '@trustwatch/store';
import { describe, expect, it } from 'vitest';
import { fanOutSettled } from './fan-out-settled.js';

/**
 * A fan-out that reports the listed customers as conflicts for the first `rounds` calls, and records
 * `progressIfClean` as the store does: only from a call without conflicts.
 */
function contended(conflicting: readonly string[], rounds: number) {
  const calls: { ids: readonly string[]; extras: unknown }[] = [];
  const recorded: unknown[] = [];
  const store: Pick<TrustStore, 'fanOut'> = {
    fanOut(customerIds, _compute, extras) {
      calls.push({ ids: customerIds, extras });
      const losing = calls.length <= rounds;
      const clean = !losing || !customerIds.some((id) => conflicting.includes(id));
      if (clean && extras?.progressIfClean !== undefined) recorded.push(extras.progressIfClean);
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
  it('fans out again to the conflicting customers only, and has the position recorded only by the round without conflicts', async () => {
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
      { ids: ['a', 'b', 'c'], extras: { progressIfClean: progress } },
      { ids: ['b'], extras: { progressIfClean: progress } },
      { ids: ['b'], extras: { progressIfClean: progress } },
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
