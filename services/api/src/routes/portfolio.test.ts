import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from '../test-support/world.js';

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});
afterAll(async () => {
  await world.app.close();
});

interface PortfolioItem {
  id: string;
  name: string;
  summary: { overall: { score: number } } | null;
  trend: { at: string; score: number }[];
  openAlerts: number;
}
const get = (url: string, key: string) =>
  world.app.inject({ method: 'GET', url, headers: { 'x-api-key': key } });

describe('portfolio and caller routes', () => {
  it('gives an account manager only its own customers, each with score, trend oldest first and open alerts', async () => {
    const res = await get('/v1/portfolio', world.keys.alice);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: PortfolioItem[]; next: string | null }>();
    expect(body.items.map((c) => [c.id, c.name])).toEqual([['acme', 'Acme Corp']]);
    const [acme] = body.items;
    expect(acme?.summary?.overall.score).toBe(70);
    expect(acme?.trend.map((p) => p.score)).toEqual([90, 70]);
    expect(acme?.openAlerts).toBe(1);
    expect(res.body).not.toContain('globex');
  });

  it('counts only firing alerts as open', async () => {
    const before = (await get('/v1/portfolio', world.keys.security)).json<{ items: PortfolioItem[] }>();
    const firing = await world.alerts.get('b0b0b0b0b0b0b0b0');
    if (firing === null) throw new Error('seeded alert missing');
    world.alerts.upsert({ ...firing, alert: { ...firing.alert, status: 'resolved' } });
    const after = (await get('/v1/portfolio', world.keys.security)).json<{ items: PortfolioItem[] }>();
    const globex = (items: PortfolioItem[]) => items.find((c) => c.id === 'globex')?.openAlerts;
    expect([globex(before.items), globex(after.items)]).toEqual([1, 0]);
    world.alerts.upsert(firing);
  });

  it('pages the portfolio with cursors that another caller cannot replay', async () => {
    const first = (await get('/v1/portfolio?limit=1', world.keys.security)).json<{ next: string }>();
    const own = await get(`/v1/portfolio?limit=1&cursor=${first.next}`, world.keys.security);
    expect(own.json<{ items: PortfolioItem[] }>().items.map((c) => c.id)).toEqual(['globex']);
    expect((await get(`/v1/portfolio?limit=1&cursor=${first.next}`, world.keys.alice)).statusCode).toBe(400);
  });

  it('tells the caller its subject and role, and refuses a caller without credentials', async () => {
    const res = await get('/v1/me', world.keys.security);
    expect(res.json()).toEqual({ subject: 'soc', role: 'security' });
    expect((await world.app.inject({ method: 'GET', url: '/v1/me' })).statusCode).toBe(401);
  });
});
