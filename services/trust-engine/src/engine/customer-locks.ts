import type { PublishItem } from './apply-plan.js';

/** Customers taken by one `acquire`, and what an earlier holder could not publish for them. */
export interface Hold {
  /**
   * Changes of these customers whose publish failed under an earlier holder, oldest first: the holder
   * publishes them before its own, so a later change never goes out ahead of them.
   */
  readonly owed: readonly PublishItem[];
  /**
   * Frees the customers. `unpublished`: the changes (owed ones included) this holder could not publish;
   * they are owed to the next holder of their customer. Calling it again does nothing.
   */
  release(unpublished?: readonly PublishItem[]): void;
}

/**
 * Holds customers from the moment an engine applies to them until their trust changes are published.
 * An engine that handles several partitions at once (`concurrentPartitions`) may apply events of
 * different partitions to one customer side by side (a news item on one, a firmware change on another). The store already settles the state
 * (an apply is conditional on the revision it read; a `conflict` is read and scored again), but the
 * publishes of two applies could still overtake each other: a consumer of trust.changed would then see
 * the older score last. Holding the customer until its publish has settled, and handing what failed to
 * publish to the next holder (`Hold.owed`), keeps each customer's changes in the order they were
 * applied, within this instance.
 */
export interface CustomerLocks {
  /**
   * Takes every one of `customerIds` at once, when none is held by another caller and no earlier waiter
   * wants one of them (first come, first served: a 5,000-customer fan-out is not starved by a stream of
   * small runs). Never holds some while waiting for others, so two callers cannot deadlock.
   */
  acquire(customerIds: Iterable<string>): Promise<Hold>;
  /** Customers held, callers waiting and changes owed (for tests and health pages). */
  size(): { readonly held: number; readonly waiting: number; readonly owed: number };
}

interface Waiter {
  readonly ids: readonly string[];
  readonly grant: (hold: Hold) => void;
}

export function createCustomerLocks(): CustomerLocks {
  const held = new Set<string>();
  const owed = new Map<string, PublishItem[]>();
  const waiters: Waiter[] = [];

  const take = (ids: readonly string[]): Hold => {
    const debts: PublishItem[] = [];
    for (const id of ids) {
      held.add(id);
      debts.push(...(owed.get(id) ?? []));
      owed.delete(id);
    }
    let released = false;
    return {
      owed: debts,
      release(unpublished = []) {
        if (released) return;
        released = true;
        for (const item of unpublished) {
          const list = owed.get(item.data.customerId);
          if (list === undefined) owed.set(item.data.customerId, [item]);
          else list.push(item);
        }
        for (const id of ids) held.delete(id);
        grantWaiters();
      },
    };
  };

  // In arrival order; what a waiter that must keep waiting wants is reserved from the ones behind it.
  const grantWaiters = (): void => {
    const reserved = new Set<string>();
    for (let i = 0; i < waiters.length;) {
      const waiter = waiters[i] as Waiter;
      if (waiter.ids.some((id) => held.has(id) || reserved.has(id))) {
        for (const id of waiter.ids) reserved.add(id);
        i += 1;
        continue;
      }
      waiters.splice(i, 1);
      waiter.grant(take(waiter.ids));
    }
  };

  return {
    acquire(customerIds) {
      const ids = [...new Set(customerIds)];
      if (waiters.length === 0 && !ids.some((id) => held.has(id))) return Promise.resolve(take(ids));
      return new Promise<Hold>((grant) => {
        waiters.push({ ids, grant });
        grantWaiters();
      });
    },
    size: () => ({
      held: held.size,
      waiting: waiters.length,
      owed: [...owed.values()].reduce((sum, list) => sum + list.length, 0),
    }),
  };
}
