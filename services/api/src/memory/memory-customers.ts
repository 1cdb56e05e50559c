import type { Customer, CustomerDirectory } from '../ports/customers.js';
import { byKey } from './page.js';

/** A fixed customer directory, e.g. loaded from a file at start-up or built by a test. */
export function createMemoryCustomerDirectory(customers: readonly Customer[]): CustomerDirectory {
  const sorted = [...customers].sort(byKey((c: Customer) => c.id));
  const byId = new Map(sorted.map((c) => [c.id, c]));
  return {
    list: () => Promise.resolve([...sorted]),
    get: (id) => Promise.resolve(byId.get(id) ?? null),
  };
}
