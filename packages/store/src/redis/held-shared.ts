/**
 * Which shared factors each customer was bound to when last read. A shared factor's text lives under
 * its own key, so a read learns which texts it needs only from the customer's bindings: without a hint
 * that is a second round trip after every load. With one, the load queues the texts the customer held
 * last time in the same pipeline as its bindings, and only a binding made since (not in the hint) is
 * fetched after. A hint saves a trip and never decides what is read: the bindings read with it do.
 *
 * Bounded by the ids kept over all customers: past `maxIds` the customers read least recently go first.
 */
export interface HeldShared {
  /** The ids the customers held when last read, each once, in first-seen order. */
  idsOf(customerIds: readonly string[]): string[];
  /** Records what one customer holds now (its bindings' factor ids, as just read). */
  remember(customerId: string, factorIds: readonly string[]): void;
  /** Adds bindings being written to what a customer held (the next load reads them with the rest). */
  add(customerId: string, factorIds: readonly string[]): void;
  /** Customers and ids kept (for tests of the bound). */
  size(): { readonly customers: number; readonly ids: number };
}

export function createHeldShared(maxIds: number): HeldShared {
  const byCustomer = new Map<string, readonly string[]>();
  let ids = 0;
  const forget = (customerId: string): void => {
    const known = byCustomer.get(customerId);
    if (known === undefined) return;
    byCustomer.delete(customerId);
    ids -= known.length;
  };
  const remember = (customerId: string, factorIds: readonly string[]): void => {
    forget(customerId);
    // A customer holding more than the whole bound would only evict everyone else to be evicted itself.
    if (factorIds.length === 0 || factorIds.length > maxIds) return;
    byCustomer.set(customerId, factorIds);
    ids += factorIds.length;
    while (ids > maxIds) {
      const oldest = byCustomer.keys().next();
      if (oldest.done === true) break;
      forget(oldest.value);
    }
  };
  return {
    idsOf(customerIds) {
      const union = new Set<string>();
      for (const customerId of customerIds) {
        for (const id of byCustomer.get(customerId) ?? []) union.add(id);
      }
      return [...union];
    },
    add(customerId, factorIds) {
      const known = byCustomer.get(customerId) ?? [];
      const fresh = factorIds.filter((id) => !known.includes(id));
      if (fresh.length > 0) remember(customerId, [...known, ...fresh]);
    },
    remember,
    size: () => ({ customers: byCustomer.size, ids }),
  };
}

/** Notes the bindings a batch of effects writes (applied or not, a hint costs at most one read). */
export function noteBindings(
  held: HeldShared,
  effects: readonly { readonly customerId: string; readonly exposures?: readonly { factorId: string }[] }[],
): void {
  for (const e of effects) {
    if (e.exposures !== undefined && e.exposures.length > 0) {
      held.add(
        e.customerId,
        e.exposures.map((x) => x.factorId),
      );
    }
  }
}
