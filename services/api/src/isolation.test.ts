import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from './test-support/world.js';
import { fillPath, operationsOf, type Operation } from './test-support/operations.js';

// Everything that identifies globex's data: its id, name, vendor, seeded marker and alert fingerprint.
const FOREIGN = ['globex', 'dell', 'b0b0b0b0b0b0b0b0'];
const OWN_PARAMS = {
  customerId: 'acme',
  fingerprint: 'a0a0a0a0a0a0a0a0',
  silenceId: 's',
  name: 'n',
  keyId: '0123456789abcdef',
};
const OTHER_PARAMS = { ...OWN_PARAMS, customerId: 'globex', fingerprint: 'b0b0b0b0b0b0b0b0' };
const LIVE = '/v1/customers/{customerId}/feed/live';

let world: World;
let operations: Operation[];
// Cursors issued on globex's listings (to an admin), replayed by alice on acme's.
const foreignCursors = new Map<string, string>();

beforeAll(async () => {
  world = await buildWorld();
  operations = await operationsOf(world.app);
  for (const op of operations.filter((o) => o.method === 'GET' && o.queryParams.includes('cursor'))) {
    const url = `${fillPath(op.path, OTHER_PARAMS)}?limit=1`;
    const res = await world.app.inject({ method: 'GET', url, headers: { 'x-api-key': world.keys.admin } });
    const next = res.json<{ next?: string | null }>().next;
    if (typeof next === 'string') foreignCursors.set(op.path, next);
  }
});
afterAll(async () => {
  await world.app.close();
});

interface Probe {
  readonly label: string;
  readonly op: Operation;
  readonly url: string;
  readonly body?: string;
}

/** Every way an account manager could name globex: path, query, body and cursors, on every operation. */
function probes(): Probe[] {
  const list: Probe[] = [];
  for (const op of operations.filter((o) => o.secured)) {
    const base = fillPath(op.path, OTHER_PARAMS);
    const own = fillPath(op.path, OWN_PARAMS);
    const body = op.hasBody
      ? JSON.stringify({ customerId: 'globex', matchers: [{ label: 'customer', value: 'globex' }] })
      : undefined;
    const withBody = (p: Omit<Probe, 'body'>): Probe => (body === undefined ? p : { ...p, body });
    list.push(withBody({ label: 'path', op, url: base }));
    if (op.queryParams.includes('customerId'))
      list.push(withBody({ label: 'query', op, url: `${own}?customerId=globex` }));
    const cursor = foreignCursors.get(op.path);
    if (cursor !== undefined) list.push({ label: 'cursor', op, url: `${own}?cursor=${cursor}` });
    if (op.hasBody) list.push(withBody({ label: 'body', op, url: own }));
  }
  return list;
}

describe('tenant isolation', () => {
  it('enumerates every operation and has a foreign cursor for every paginated customer listing', () => {
    expect(operations.length).toBeGreaterThanOrEqual(25);
    expect([...foreignCursors.keys()].filter((p) => p.includes('{customerId}'))).toHaveLength(3);
  });

  it("never returns another tenant's data, in whole or part, through any route, verb or parameter", async () => {
    let checked = 0;
    for (const probe of probes()) {
      const res = await world.app.inject({
        method: probe.op.method,
        url: probe.url,
        headers: {
          'x-api-key': world.keys.alice,
          ...(probe.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(probe.body === undefined ? {} : { payload: probe.body }),
      });
      const where = `${probe.op.method} ${probe.url} (${probe.label}) -> ${String(res.statusCode)}`;
      const text = res.body.toLowerCase();
      for (const marker of FOREIGN)
        expect(text.includes(marker), `${where} leaked ${marker}: ${res.body}`).toBe(false);
      // Naming a foreign customer is refused outright; a foreign cursor is rejected as malformed.
      if (probe.op.method === 'GET' && probe.op.path.includes('{customerId}')) {
        expect([400, 404], where).toContain(res.statusCode);
      }
      if (probe.op.method !== 'GET') expect(res.statusCode, where).toBe(403);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('serves the account manager every read of its own customer, so the refusals above are about tenancy', async () => {
    for (const op of operations.filter(
      (o) => o.method === 'GET' && o.path.includes('{customerId}') && o.path !== LIVE,
    )) {
      const res = await world.app.inject({
        method: 'GET',
        url: fillPath(op.path, OWN_PARAMS),
        headers: { 'x-api-key': world.keys.alice },
      });
      expect(res.statusCode, op.path).toBe(200);
      expect(res.body.toLowerCase()).not.toContain('globex');
    }
  });

  it('covers the dashboard routes: the portfolio and the caller are in the enumerated operations', () => {
    const listed = operations.map((o) => `${o.method} ${o.path}`);
    expect(listed).toEqual(expect.arrayContaining(['GET /v1/portfolio', 'GET /v1/me']));
    // Dashboard files are public and carry no tenant data, so they stay out of the document.
    expect(listed.filter((op) => op === 'GET /' || op.startsWith('GET /assets'))).toEqual([]);
  });

  it('gives an account manager a portfolio of its own customers only, trend and alert counts included', async () => {
    const res = await world.app.inject({
      method: 'GET',
      url: '/v1/portfolio',
      headers: { 'x-api-key': world.keys.alice },
    });
    const items = res.json<{ items: { id: string; openAlerts: number }[] }>().items;
    expect(items.map((c) => [c.id, c.openAlerts])).toEqual([['acme', 1]]);
    for (const marker of FOREIGN) expect(res.body.toLowerCase()).not.toContain(marker);
  });

  it("filters alert listings to the caller's customers", async () => {
    const res = await world.app.inject({
      method: 'GET',
      url: '/v1/alerts',
      headers: { 'x-api-key': world.keys.alice },
    });
    expect(
      res
        .json<{ items: { alert: { labels: { customer: string } } }[] }>()
        .items.map((r) => r.alert.labels.customer),
    ).toEqual(['acme']);
    const soc = await world.app.inject({
      method: 'GET',
      url: '/v1/alerts',
      headers: { 'x-api-key': world.keys.security },
    });
    expect(soc.json<{ items: unknown[] }>().items).toHaveLength(2);
  });
});
