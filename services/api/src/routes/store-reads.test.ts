import { createMemoryTrustStore } from '@trustwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counting } from '../test-support/counting.js';
import { buildWorld, NOW, summary, type World } from '../test-support/world.js';
import { thin } from './trust.js';

const HOUR = 3_600_000;
let world: World;
const reads = { calls: 0 };

beforeAll(async () => {
  const store = createMemoryTrustStore({ now: () => NOW });
  // `initech` is known to the store only: the directory file does not name it.
  await store.applyMany(
    Array.from({ length: 48 }, (_, i) => ({
      customerId: 'initech',
      eventId: `evt-initech-${String(i)}`,
      version: NOW - (48 - i) * HOUR,
      summary: summary('initech', NOW - (48 - i) * HOUR, 50 + i, 'hpe'),
    })),
  );
  world = await buildWorld({ store: counting(store, reads) });
});
afterAll(async () => {
  await world.app.close();
});

const get = (url: string, key: string) =>
  world.app.inject({ method: 'GET', url, headers: { 'x-api-key': key } });
type Page = { items: { id: string; name: string }[]; next: string | null };

describe('customer listing from the store', () => {
  it('pages every customer the store knows to security, named from the directory or by id', async () => {
    const seen: Page['items'] = [];
    let cursor = '';
    for (let pages = 0; pages < 5; pages += 1) {
      const res = await get(
        `/v1/customers?limit=2${cursor === '' ? '' : `&cursor=${cursor}`}`,
        world.keys.security,
      );
      const page = res.json<Page>();
      seen.push(...page.items);
      if (page.next === null) break;
      cursor = page.next;
    }
    expect(seen.map((c) => [c.id, c.name])).toEqual([
      ['acme', 'Acme Corp'],
      ['globex', 'Globex'],
      ['initech', 'initech'],
    ]);
  });

  it('refuses a listing cursor issued to another principal', async () => {
    const first = (await get('/v1/customers?limit=1', world.keys.security)).json<Page>();
    const res = await get(`/v1/customers?limit=1&cursor=${first.next ?? ''}`, world.keys.admin);
    expect(res.statusCode).toBe(400);
  });

  it('opens a store-only customer for admin and hides it from account managers as if it did not exist', async () => {
    const admin = await get('/v1/customers/initech', world.keys.admin);
    expect(admin.json<{ id: string; summary: { overall: { score: number } } }>().summary.overall.score).toBe(
      97,
    );
    for (const path of ['', '/trust', '/trust/history', '/feed']) {
      const res = await get(`/v1/customers/initech${path}`, world.keys.alice);
      expect(res.statusCode, path).toBe(404);
    }
    expect((await get('/v1/customers/nobody/trust', world.keys.security)).statusCode).toBe(404);
  });
});

describe('score history', () => {
  it('reads a window in at most two store calls, oldest first, with the score in force when it opens', async () => {
    const from = new Date(NOW - 10.5 * HOUR).toISOString();
    const to = new Date(NOW).toISOString();
    reads.calls = 0;
    const res = await get(
      `/v1/customers/initech/trust/history?from=${from}&to=${to}&points=200`,
      world.keys.security,
    );
    const scores = res.json<{ items: { overall: { score: number } }[] }>().items.map((s) => s.overall.score);
    expect(scores).toEqual([87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97]);
    // Guard (knowsCustomer) plus the two reads: never one read per sampled instant.
    expect(reads.calls).toBeLessThanOrEqual(3);
  });

  it('thins a long window to the requested points, keeping its first and last score', async () => {
    const res = await get(
      `/v1/customers/initech/trust/history?from=${new Date(NOW - 100 * HOUR).toISOString()}&points=5`,
      world.keys.security,
    );
    const scores = res.json<{ items: { overall: { score: number } }[] }>().items.map((s) => s.overall.score);
    expect(scores).toHaveLength(5);
    expect(scores[0]).toBe(50);
    expect(scores.at(-1)).toBe(97);
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
  });

  it('thins evenly and never returns more than asked', () => {
    expect(thin([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)).toEqual([1, 5, 9]);
    expect(thin([1, 2], 5)).toEqual([1, 2]);
    expect(
      thin(
        Array.from({ length: 1000 }, (_, i) => i),
        200,
      ),
    ).toHaveLength(200);
  });
});
