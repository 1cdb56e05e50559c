import { describe, expect, it } from 'vitest';
import type { PublishItem } from './apply-plan.js';
import { createCustomerLocks, type Hold } from './customer-locks.js';

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** An acquire whose grant is observable without awaiting it. */
function track(acquiring: Promise<Hold>) {
  const state: { hold?: Hold } = {};
  void acquiring.then((hold) => {
    state.hold = hold;
  });
  return state;
}

/** A change of `customerId` (only its customer and cause matter to the locks). */
const change = (customerId: string, causeKey: string) => ({ data: { customerId }, causeKey }) as PublishItem;

describe('customer locks', () => {
  it('grants customers nobody holds at once, and customers held by another only after their release', async () => {
    const locks = createCustomerLocks();
    const first = await locks.acquire(['acme', 'globex']);
    const free = track(locks.acquire(['initech']));
    const blocked = track(locks.acquire(['globex', 'umbrella']));
    await settle();
    expect(free.hold).toBeDefined();
    expect(blocked.hold).toBeUndefined();
    first.release();
    await settle();
    expect(blocked.hold).toBeDefined();
    expect(locks.size()).toEqual({ held: 3, waiting: 0, owed: 0 });
  });

  it("takes all of a caller's customers or none: nothing is held while it waits", async () => {
    const locks = createCustomerLocks();
    const holder = await locks.acquire(['b']);
    const waiting = track(locks.acquire(['a', 'b']));
    await settle();
    expect(waiting.hold).toBeUndefined();
    expect(locks.size()).toEqual({ held: 1, waiting: 1, owed: 0 });
    holder.release();
    await settle();
    expect(locks.size()).toEqual({ held: 2, waiting: 0, owed: 0 });
  });

  it('serves overlapping callers in arrival order: a large waiter is not starved by later small ones', async () => {
    const locks = createCustomerLocks();
    const order: string[] = [];
    const holder = await locks.acquire(['c1']);
    const fanOut = locks.acquire(['c1', 'c2', 'c3']).then((hold) => {
      order.push('fan-out');
      return hold;
    });
    // Free right now, but the fan-out asked first: it waits behind it.
    const small = locks.acquire(['c2']).then((hold) => {
      order.push('small');
      return hold;
    });
    // Overlaps no earlier waiter: not held back.
    const unrelated = await locks.acquire(['c9']);
    await settle();
    expect(order).toEqual([]);
    holder.release();
    (await fanOut).release();
    (await small).release();
    unrelated.release();
    expect(order).toEqual(['fan-out', 'small']);
    expect(locks.size()).toEqual({ held: 0, waiting: 0, owed: 0 });
  });

  it('ignores a second release and repeated ids', async () => {
    const locks = createCustomerLocks();
    const first = await locks.acquire(['a', 'a']);
    const next = track(locks.acquire(['a']));
    first.release();
    first.release();
    await settle();
    expect(next.hold).toBeDefined();
    const third = track(locks.acquire(['a']));
    await settle();
    // The stale release of the first holder did not free the customer for a third caller.
    expect(third.hold).toBeUndefined();
  });

  it('hands what a holder failed to publish to the next holder of each customer, oldest first', async () => {
    const locks = createCustomerLocks();
    const first = await locks.acquire(['acme', 'globex']);
    first.release([change('acme', 'news'), change('globex', 'news'), change('acme', 'swap')]);
    expect(locks.size()).toEqual({ held: 0, waiting: 0, owed: 3 });
    const acme = await locks.acquire(['acme', 'initech']);
    expect(acme.owed.map((c) => c.causeKey)).toEqual(['news', 'swap']);
    // Failing again: still owed, in the same order, with anything newer after.
    acme.release([...acme.owed, change('acme', 'decay')]);
    const again = await locks.acquire(['acme']);
    expect(again.owed.map((c) => c.causeKey)).toEqual(['news', 'swap', 'decay']);
    again.release();
    expect((await locks.acquire(['acme'])).owed).toEqual([]);
    expect((await locks.acquire(['globex'])).owed.map((c) => c.causeKey)).toEqual(['news']);
  });
});
