import fc from 'fast-check';
import { createMemoryTrustStore } from '@trustwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import type { AppDeps } from './deps.js';
import { counting } from './test-support/counting.js';
import { fillPath, operationsOf, type Operation } from './test-support/operations.js';
import { arbitraryFor, type JsonSchema } from './test-support/schema-arbitrary.js';
import { buildWorld, NOW, type World } from './test-support/world.js';

const LIMITS = { bodyBytes: 4096, fleetBodyBytes: 64 * 1024 };
const LIVE = '/v1/customers/{customerId}/feed/live';
const work = { calls: 0 };
let world: World;
let operations: Operation[];

beforeAll(async () => {
  // Seeding goes through the raw store; the app sees a counting view of the store and of every port.
  const store = createMemoryTrustStore({ now: () => NOW });
  world = await buildWorld({ store, limits: LIMITS });
  const deps = world.deps;
  const counted: Partial<AppDeps> = {
    store: counting(store, work),
    alerts: counting(deps.alerts, work),
    silences: counting(deps.silences, work),
    receivers: counting(deps.receivers, work),
    rules: counting(deps.rules, work),
    deliveries: counting(deps.deliveries, work),
  };
  await world.app.close();
  world = { ...world, app: await buildApp({ ...deps, ...counted }) };
  operations = (await operationsOf(world.app)).filter((op) => op.path !== '/openapi.json');
});
afterAll(async () => {
  await world.app.close();
});

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('acme', '-1', '0', '1e9', '2026-13-45T99:00:00Z', '%00', '../..', 'null'),
);
const pathValue = text.filter((s) => s.length > 0 && !['acme', 'globex'].includes(s));

// Half the values follow the document's schemas (to reach the handlers), half are arbitrary text.
function valueFor(op: Operation, name: string, where: 'path' | 'query'): fc.Arbitrary<string> {
  const schema = op.doc.parameters?.find((p) => p.in === where && p.name === name)?.schema as
    JsonSchema | undefined;
  const valid = arbitraryFor(schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return fc.oneof(valid, where === 'path' ? pathValue : text);
}

function request(op: Operation) {
  const bodySchema = op.doc.requestBody?.content['application/json']?.schema as JsonSchema | undefined;
  return fc.record({
    params: fc.record(
      Object.fromEntries(
        op.pathParams.map((name) => [
          name,
          valueFor(op, name, 'path').filter((v) => v !== '' && !['acme', 'globex'].includes(v)),
        ]),
      ),
    ),
    query: fc.record(
      Object.fromEntries([...op.queryParams, 'unknown'].map((name) => [name, valueFor(op, name, 'query')])),
      { requiredKeys: [] },
    ),
    body: fc.option(fc.oneof(arbitraryFor(bodySchema), fc.jsonValue({ maxDepth: 3 })), { nil: undefined }),
  });
}

function send(
  op: Operation,
  input: { params: Partial<Record<string, string>>; query: Partial<Record<string, string>>; body: unknown },
) {
  const search = new URLSearchParams(
    Object.entries(input.query).flatMap(([k, v]): [string, string][] => (v === undefined ? [] : [[k, v]])),
  ).toString();
  const url = `${fillPath(op.path, input.params)}${search === '' ? '' : `?${search}`}`;
  const withBody = op.hasBody || input.body !== undefined;
  return world.app.inject({
    method: op.method,
    url,
    headers: { 'x-api-key': world.keys.admin, ...(withBody ? { 'content-type': 'application/json' } : {}) },
    ...(withBody ? { payload: JSON.stringify(input.body ?? null) } : {}),
  });
}

describe('fuzzing from the OpenAPI document', () => {
  it('answers generated input on every operation without a server error', async () => {
    // Operations where some generated request got past validation into the handler.
    const reached = new Set<string>();
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(request(op), async (input) => {
          const res = await send(op, input);
          expect(res.statusCode, `${op.method} ${op.path}`).toBeLessThan(500);
          if (res.statusCode >= 400)
            expect(res.headers['content-type']).toContain('application/problem+json');
          if (res.statusCode < 300) reached.add(`${op.method} ${op.path}`);
        }),
        { numRuns: op.path === LIVE ? 10 : 40 },
      );
    }
    // Most generated requests are refused; enough must pass validation to exercise the handlers too.
    expect(reached.size).toBeGreaterThanOrEqual(5);
  });

  it('rejects invalid queries and bodies with 400 before any store or port is called', async () => {
    const invalid = operations.filter((op) => op.secured && op.path !== LIVE);
    for (const op of invalid) {
      const own = fillPath(op.path, {
        customerId: 'acme',
        fingerprint: 'a0a0a0a0a0a0a0a0',
        silenceId: 's',
        name: 'n',
        keyId: '0123456789abcdef',
      });
      const bad = fc.oneof(
        fc.constant({ url: `${own}?unknown=1`, body: {} }),
        fc
          .constantFrom('0', '101', 'abc', '-5')
          .map((limit) => ({ url: `${own}?limit=${limit}&unknown=x`, body: {} })),
        fc.jsonValue().map((body) => ({ url: `${own}?unknown=1`, body })),
      );
      await fc.assert(
        fc.asyncProperty(bad, async ({ url, body }) => {
          work.calls = 0;
          const res = await world.app.inject({
            method: op.method,
            url,
            headers: { 'x-api-key': world.keys.admin, 'content-type': 'application/json' },
            ...(op.hasBody ? { payload: JSON.stringify(body) } : {}),
          });
          expect(res.statusCode, `${op.method} ${url}`).toBe(400);
          expect(work.calls, `${op.method} ${url} did work`).toBe(0);
        }),
        { numRuns: 15 },
      );
    }
  });

  it('refuses a body over the limit with 413 on every operation that takes one', async () => {
    const withBody = operations.filter((op) => op.hasBody);
    expect(withBody.length).toBeGreaterThanOrEqual(6);
    for (const op of withBody) {
      const limit = op.path.endsWith('/fleet') ? LIMITS.fleetBodyBytes : LIMITS.bodyBytes;
      work.calls = 0;
      const res = await world.app.inject({
        method: op.method,
        url: fillPath(op.path, {
          customerId: 'acme',
          fingerprint: 'a0a0a0a0a0a0a0a0',
          silenceId: 's',
          name: 'n',
          keyId: 'k',
        }),
        headers: { 'x-api-key': world.keys.admin, 'content-type': 'application/json' },
        payload: JSON.stringify({ pad: 'x'.repeat(limit) }),
      });
      expect(res.statusCode, `${op.method} ${op.path}`).toBe(413);
      expect(res.json<{ code: string }>().code).toBe('PAYLOAD_TOO_LARGE');
      expect(work.calls).toBe(0);
    }
  });
});
