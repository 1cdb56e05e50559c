import { readFileSync } from 'node:fs';
import { publicDataPath } from '@trustwatch/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, change, NOW, type World } from '../test-support/world.js';

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});
afterAll(async () => {
  await world.app.close();
});
const get = (url: string, key: string, headers: Record<string, string> = {}) =>
  world.app.inject({ method: 'GET', url, headers: { 'x-api-key': key, ...headers } });
type Page<T> = { items: T[]; next: string | null };

describe('trust routes', () => {
  it('lists only the customers an account manager is assigned, with their current score', async () => {
    const res = await get('/v1/customers', world.keys.alice);
    expect(res.statusCode).toBe(200);
    const body = res.json<Page<{ id: string; summary: { overall: { score: number } } }>>();
    expect(body.items.map((c) => c.id)).toEqual(['acme']);
    expect(body.items[0]?.summary.overall.score).toBe(70);
  });

  it('pages every customer to a role that sees them all, each exactly once', async () => {
    const first = (await get('/v1/customers?limit=1', world.keys.security)).json<Page<{ id: string }>>();
    const second = (await get(`/v1/customers?limit=1&cursor=${first.next ?? ''}`, world.keys.security)).json<
      Page<{ id: string }>
    >();
    expect([...first.items, ...second.items].map((c) => c.id)).toEqual(['acme', 'globex']);
    expect(second.next).toBeNull();
  });

  it('serves the score as of a past instant, and 404 before the first score', async () => {
    const res = await get('/v1/customers/acme/trust?at=2026-10-30T12:00:00Z', world.keys.alice);
    expect(res.json<{ overall: { score: number } }>().overall.score).toBe(90);
    expect((await get('/v1/customers/acme/trust?at=2020-01-01T00:00:00Z', world.keys.alice)).statusCode).toBe(
      404,
    );
  });

  it('samples the score history between two instants, each stored score once', async () => {
    const res = await get(
      '/v1/customers/acme/trust/history?from=2026-10-30T00:00:00Z&to=2026-11-01T00:00:00Z&points=20',
      world.keys.alice,
    );
    const scores = res.json<{ items: { overall: { score: number } }[] }>().items.map((s) => s.overall.score);
    expect(scores).toEqual([90, 70]);
    expect(
      (
        await get(
          '/v1/customers/acme/trust/history?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z',
          world.keys.alice,
        )
      ).statusCode,
    ).toBe(400);
  });

  it('breaks the score down per vendor with every factor, its evidence and the points it takes off', async () => {
    const res = await get('/v1/customers/acme/trust/breakdown', world.keys.alice);
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      overall: { score: number; baseline: number; factors: { points: number }[] };
      vendors: {
        vendorId: string;
        factors: { factor: { evidence: { urls: string[] } }; points: number }[];
      }[];
    }>();
    expect(body.vendors.map((v) => v.vendorId)).toEqual(['supermicro']);
    const [attributed] = body.vendors[0]?.factors ?? [];
    expect(attributed?.factor.evidence.urls).toEqual(['https://evidence.example/acme-marker']);
    expect(attributed?.points).toBeGreaterThan(0);
    const points = body.overall.factors.reduce((sum, f) => sum + f.points, 0);
    expect(points).toBeCloseTo(body.overall.baseline - body.overall.score, 6);
  });

  it('serves the active scoring policy to every role', async () => {
    const res = await get('/v1/policy', world.keys.bob);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ version: string }>().version).toBe(world.deps.policy.version);
  });
});

describe('feed', () => {
  it('pages newest first with a cursor, and answers 304 to a matching If-None-Match', async () => {
    const first = await get('/v1/customers/acme/feed?limit=1', world.keys.alice);
    const page = first.json<Page<{ id: string; change: { overall: { after: number } } }>>();
    expect(page.items).toHaveLength(1);
    expect(page.next).not.toBeNull();
    const second = await get(`/v1/customers/acme/feed?limit=1&cursor=${page.next ?? ''}`, world.keys.alice);
    const older = second.json<Page<{ id: string }>>();
    expect((older.items[0]?.id ?? '') < (page.items[0]?.id ?? '')).toBe(true);
    const etag = first.headers['etag'];
    expect(typeof etag).toBe('string');
    const again = await get('/v1/customers/acme/feed?limit=1', world.keys.alice, {
      'if-none-match': String(etag),
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('returns what arrived since an instant, oldest first, and a fresh ETag once something new arrives', async () => {
    const since = new Date(NOW - 1000).toISOString();
    const before = await get(`/v1/customers/acme/feed?since=${since}`, world.keys.alice);
    expect(before.json<Page<unknown>>().items).toHaveLength(2);
    await world.store.applyMany([
      {
        customerId: 'acme',
        eventId: 'evt-feed-new',
        version: NOW,
        change: change('acme', NOW, 'supermicro', 'fresh'),
      },
    ]);
    const after = await get(`/v1/customers/acme/feed?since=${since}`, world.keys.alice, {
      'if-none-match': String(before.headers['etag']),
    });
    expect(after.statusCode).toBe(200);
    const items = after.json<Page<{ change: { evidence: { outlet: string }[] } }>>().items;
    expect(items.at(-1)?.change.evidence[0]?.outlet).toBe('fresh');
  });
});

describe('fleet', () => {
  it('imports the real CycloneDX hardware BOM and lists its assets and firmware a page at a time', async () => {
    const bom = readFileSync(
      publicDataPath('cyclonedx', 'bom-examples', 'HBOM-PCIe-SATA-adapter-board.bom.json'),
      'utf8',
    );
    const res = await world.app.inject({
      method: 'POST',
      url: `/v1/customers/acme/fleet?version=${String(NOW + 1)}`,
      headers: { 'x-api-key': world.keys.admin, 'content-type': 'application/vnd.cyclonedx+json' },
      payload: bom,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ added: string[] }>().added).toHaveLength(6);
    const ids: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: Page<{ id: string }> = (
        await get(
          `/v1/customers/acme/fleet/assets?limit=4${cursor === '' ? '' : `&cursor=${cursor}`}`,
          world.keys.alice,
        )
      ).json();
      ids.push(...page.items.map((a) => a.id));
      cursor = page.next;
    }
    expect(ids).toHaveLength(6);
    expect(ids).toContain('molex-47155-4001');
  });

  it('imports a CSV inventory, refuses a stale version, and names the bad line of an invalid file', async () => {
    const csv =
      'asset_id,vendor,model,component_id,component_kind,version,hashes\nsrv-1,Supermicro,X12,BMC,bmc,01.01.10,\n';
    const post = (body: string, version: number) =>
      world.app.inject({
        method: 'POST',
        url: `/v1/customers/globex/fleet?version=${String(version)}`,
        headers: { 'x-api-key': world.keys.admin, 'content-type': 'text/csv' },
        payload: body,
      });
    expect((await post(csv, NOW + 10)).json<{ added: string[] }>().added).toEqual(['srv-1']);
    expect((await post(csv, NOW + 5)).json<{ applied: boolean }>().applied).toBe(false);
    const bad = await post('asset_id,vendor\nx,y\n', NOW + 20);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBeTruthy();
    const firmware = (await get('/v1/customers/globex/fleet/firmware', world.keys.bob)).json<
      Page<{ version: string; assetIds: string[] }>
    >();
    expect(firmware.items).toEqual([expect.objectContaining({ version: '01.01.10', assetIds: ['srv-1'] })]);
  });

  it('lets only admins import a fleet', async () => {
    const res = await world.app.inject({
      method: 'POST',
      url: '/v1/customers/acme/fleet',
      headers: { 'x-api-key': world.keys.security, 'content-type': 'text/csv' },
      payload: 'x',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('alerting routes', () => {
  it('creates, lists and expires a silence, recording who created it', async () => {
    const headers = { 'x-api-key': world.keys.security };
    const created = await world.app.inject({
      method: 'POST',
      url: '/v1/silences',
      headers,
      payload: {
        matchers: [{ label: 'customer', value: 'acme' }],
        endsAt: new Date(NOW + 3_600_000).toISOString(),
        comment: 'maintenance window',
      },
    });
    expect(created.statusCode).toBe(201);
    const silence = created.json<{ id: string; status: string; createdBy: string }>();
    expect(silence).toMatchObject({ status: 'active', createdBy: 'soc' });
    const listed = (await get('/v1/silences', world.keys.security)).json<Page<{ id: string }>>();
    expect(listed.items.map((s) => s.id)).toContain(silence.id);
    const expired = await world.app.inject({ method: 'DELETE', url: `/v1/silences/${silence.id}`, headers });
    expect(expired.json<{ status: string }>().status).toBe('expired');
  });

  it('acknowledges an alert as the calling subject', async () => {
    const res = await world.app.inject({
      method: 'POST',
      url: '/v1/alerts/a0a0a0a0a0a0a0a0/acknowledge',
      headers: { 'x-api-key': world.keys.security },
      payload: { comment: 'on it' },
    });
    expect(res.json<{ acknowledged: { by: string; comment: string } }>().acknowledged).toMatchObject({
      by: 'soc',
      comment: 'on it',
    });
  });

  it('shows receivers without the secret part of their endpoint, and lets only admins change them', async () => {
    const res = await get('/v1/receivers', world.keys.security);
    expect(res.body).not.toContain('secret-token');
    expect(res.json<{ items: { endpoint: string }[] }>().items[0]?.endpoint).toBe(
      'https://hooks.slack.example/…',
    );
    const put = (key: string) =>
      world.app.inject({
        method: 'PUT',
        url: '/v1/receivers/oncall',
        headers: { 'x-api-key': key },
        payload: { kind: 'email', endpoint: 'soc@acme.example' },
      });
    expect((await put(world.keys.security)).statusCode).toBe(403);
    expect((await put(world.keys.admin)).json<{ endpoint: string }>().endpoint).toBe('…@acme.example');
  });
});

describe('health and errors', () => {
  it('answers liveness, and readiness 503 naming the failing dependency', async () => {
    const down = await buildWorld({
      readiness: { redis: () => Promise.resolve(true), kafka: () => Promise.resolve(false) },
    });
    expect((await down.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const res = await down.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', checks: { redis: true, kafka: false } });
    await down.app.close();
  });

  it('answers unknown routes and malformed JSON with RFC 9457 problem details', async () => {
    const missing = await get('/v1/nowhere', world.keys.admin);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      type: 'urn:trustwatch:problem:not-found',
    });
    const bad = await world.app.inject({
      method: 'POST',
      url: '/v1/silences',
      headers: { 'x-api-key': world.keys.admin, 'content-type': 'application/json' },
      payload: '{"matchers": [',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ title: string }>().title).toBe('The request is not valid');
  });
});
