import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from './test-support/world.js';

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});
afterAll(async () => {
  await world.app.close();
});

describe('OpenAPI document', () => {
  it('is served at /openapi.json as OpenAPI 3.1 with every API route and its schemas', async () => {
    const res = await world.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations).toContain('GET /v1/customers/{customerId}/trust');
    expect(operations).toContain('POST /v1/customers/{customerId}/fleet');
    expect(operations).toContain('DELETE /v1/silences/{silenceId}');
    for (const [path, ops] of Object.entries(doc.paths).filter(([p]) => p.startsWith('/v1/'))) {
      for (const [method, op] of Object.entries(ops) as [
        string,
        { security?: unknown[]; responses?: Record<string, unknown> },
      ][]) {
        expect(op.security, `${method} ${path}`).toEqual([{ apiKey: [] }, { bearer: [] }]);
        expect(Object.keys(op.responses ?? {}), `${method} ${path}`).toEqual(expect.arrayContaining(['4XX']));
      }
    }
  });
});
