import type { BatchItem } from '@trustwatch/bus';
import { describe, expect, it } from 'vitest';
import { applyByCustomer } from './apply-batch.js';

/** Items standing for events: only their customer and their place in the run matter here. */
function run(customers: string[]): { item: BatchItem; customer: string; offset: number }[] {
  return customers.map((customer, offset) => ({
    item: { offset } as unknown as BatchItem,
    customer,
    offset,
  }));
}

describe('applying a fetched run by customer', () => {
  it('applies different customers concurrently and each customer in offset order', async () => {
    const items = run(['acme', 'globex', 'acme', 'initech', 'globex', 'acme']);
    const customerOf = new Map(items.map((i) => [i.item, i.customer]));
    const offsetOf = new Map(items.map((i) => [i.item, i.offset]));
    const done: { customer: string; offset: number }[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    await applyByCustomer(
      items.map((i) => i.item),
      (item) => customerOf.get(item) ?? '',
      async (item) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        done.push({ customer: customerOf.get(item) ?? '', offset: offsetOf.get(item) ?? -1 });
      },
    );
    expect(mostInFlight).toBe(3);
    expect(done.filter((d) => d.customer === 'acme').map((d) => d.offset)).toEqual([0, 2, 5]);
    expect(done.filter((d) => d.customer === 'globex').map((d) => d.offset)).toEqual([1, 4]);
  });

  it('lets the other customers finish, then fails the run so the bus retries it event by event', async () => {
    const items = run(['acme', 'globex', 'globex']);
    const customerOf = new Map(items.map((i) => [i.item, i.customer]));
    const applied: string[] = [];
    await expect(
      applyByCustomer(
        items.map((i) => i.item),
        (item) => customerOf.get(item) ?? '',
        async (item) => {
          const customer = customerOf.get(item) ?? '';
          if (customer === 'acme') throw new Error('Redis unavailable');
          await new Promise((resolve) => setTimeout(resolve, 5));
          applied.push(customer);
        },
      ),
    ).rejects.toThrow(/Redis unavailable/);
    expect(applied).toEqual(['globex', 'globex']);
  });
});
