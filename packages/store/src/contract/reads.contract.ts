import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { StoreLimits, TrustStore } from '../port.js';
import { changeAt, customerFactor, summaryAt } from './builders.js';

type Factory = (options: { now: () => number; limits: Partial<StoreLimits> }) => Promise<TrustStore>;
let counter = 0;
const unique = (label: string): string => `${label}-reads-${String(process.pid)}-${String(++counter)}`;
const T0 = 1_790_000_000_000;

/** Every id of a listing, page by page; also returns how many pages it took. */
async function listAll(store: TrustStore, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await store.listCustomers(cursor === null ? { limit } : { limit, cursor });
    ids.push(...page.customerIds);
    cursor = page.next;
    pages += 1;
  } while (cursor !== null && pages < 100);
  return { ids, pages };
}

const byBytes = (ids: readonly string[]): string[] =>
  [...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

/** Reads for the API (score history, customer listing, the feed's last page), part of the contract. */
export function readsContract(factory: Factory): void {
  it('returns the summaries of a window newest first, the newest ones when the limit cuts it', async () => {
    const store = await factory({ now: () => T0, limits: {} });
    const customer = unique('cust');
    const scores = [90, 80, 70, 60, 50];
    await store.applyMany(
      scores.map((score, i) => ({
        customerId: customer,
        eventId: `s${String(i)}`,
        version: T0 + i * 1000,
        summary: summaryAt(customer, T0 + i * 1000, score),
      })),
    );
    const window = { from: T0 + 1000, to: T0 + 3000 };
    const all = await store.summaryHistory(customer, { ...window, limit: 10 });
    expect(all.map((s) => s.overall.score)).toEqual([60, 70, 80]);
    const cut = await store.summaryHistory(customer, { ...window, limit: 2 });
    expect(cut.map((s) => s.overall.score)).toEqual([60, 70]);
    expect(await store.summaryHistory(customer, { from: 0, to: T0 - 1, limit: 10 })).toEqual([]);
    expect(await store.summaryHistory(unique('nobody'), { from: 0, to: T0 * 2, limit: 10 })).toEqual([]);
  });

  it('refuses a history window that is reversed, fractional or asks for too many summaries', async () => {
    const store = await factory({ now: () => T0, limits: {} });
    const customer = unique('cust');
    for (const query of [
      { from: T0 + 1, to: T0, limit: 10 },
      { from: 0.5, to: T0, limit: 10 },
      { from: 0, to: T0, limit: 0 },
      { from: 0, to: T0, limit: 1001 },
    ]) {
      await expect(store.summaryHistory(customer, query)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        retriable: false,
      });
    }
  });

  it('lists customers with a fleet or a summary in byte order, and no customer only read or given factors', async () => {
    const store = await factory({ now: () => T0, limits: {} });
    const [fleetOnly, scored, factorsOnly, readOnly, fanned] = ['d', 'B', 'c', 'a', 'F'].map((l) =>
      unique(l),
    );
    await store.replaceFleet(
      fleetOnly ?? '',
      [{ id: 'a1', vendor: 'dell', model: 'R650', components: [] }],
      1,
    );
    await store.applyMany([
      { customerId: scored ?? '', eventId: 'e', version: T0, summary: summaryAt(scored ?? '', T0, 80) },
      {
        customerId: factorsOnly ?? '',
        eventId: 'e',
        version: T0,
        factors: [customerFactor(factorsOnly ?? '', 'k')],
      },
    ]);
    await store.fanOut([fanned ?? '', readOnly ?? ''], (snapshots) =>
      snapshots
        .filter((s) => s.customerId === fanned)
        .map((s) => ({
          customerId: s.customerId,
          eventId: 'n',
          version: T0,
          summary: summaryAt(s.customerId, T0, 60),
        })),
    );
    await store.getSummary(readOnly ?? '');
    await store.getFleet(readOnly ?? '');
    const page = await store.listCustomers({ limit: 10 });
    const listed = byBytes([fleetOnly ?? '', scored ?? '', fanned ?? '']);
    expect(page).toEqual({ customerIds: listed, next: null });
    const known = await Promise.all(
      [fleetOnly, scored, factorsOnly, readOnly, fanned].map((id) => store.knowsCustomer(id ?? '')),
    );
    expect(known).toEqual([true, true, false, false, true]);
  });

  it('pages every known customer exactly once in byte order, with no cursor after the last page', async () => {
    const store = await factory({ now: () => T0, limits: {} });
    // Mixed case and non-ASCII ids: both adapters must order them by bytes, as Redis does.
    const customers = ['Zed', 'alpha', 'beta', 'été', 'gamma', 'Ω-omega'].map((id) => unique(id));
    await store.applyMany(
      customers.map((customerId) => ({
        customerId,
        eventId: 'e',
        version: T0,
        summary: summaryAt(customerId, T0, 70),
      })),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 7 }), async (limit) => {
        const { ids, pages } = await listAll(store, limit);
        expect(ids).toEqual(byBytes(customers));
        expect(pages).toBe(Math.max(1, Math.ceil(customers.length / limit)));
      }),
      { numRuns: 7 },
    );
    await expect(store.listCustomers({ limit: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(store.listCustomers({ limit: 5, cursor: '' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('ends the feed with a null cursor when the last page is exactly full', async () => {
    const clock = { t: T0 };
    const store = await factory({ now: () => clock.t, limits: {} });
    const customer = unique('cust');
    for (let i = 0; i < 4; i += 1) {
      clock.t += 1;
      const change = changeAt(customer, clock.t, 90, 90 - i);
      await store.applyMany([{ customerId: customer, eventId: `f${String(i)}`, version: clock.t, change }]);
    }
    const first = await store.feed(customer, { limit: 2 });
    expect(first.next).not.toBeNull();
    const last = await store.feed(customer, { limit: 2, before: first.next ?? '' });
    expect(last.entries.map((e) => e.change.overall.after)).toEqual([89, 90]);
    expect(last.next).toBeNull();
    const whole = await store.feed(customer, { limit: 4 });
    expect(whole.entries).toHaveLength(4);
    expect(whole.next).toBeNull();
    expect((await store.feed(unique('nobody'), { limit: 4 })).next).toBeNull();
  });
}
