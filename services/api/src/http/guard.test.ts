import { createMemoryTrustStore } from '@trustwatch/store';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createMemoryApiKeyStore } from '../memory/memory-api-keys.js';
import { createMemoryCustomerDirectory } from '../memory/memory-customers.js';
import { installGuard } from './guard.js';

describe('access guard', () => {
  it('refuses to start with a route that declares no access policy', async () => {
    const app = Fastify();
    installGuard(app, {
      apiKeys: createMemoryApiKeyStore(),
      customers: createMemoryCustomerDirectory([]),
      store: createMemoryTrustStore(),
    });
    expect(() => app.get('/v1/forgotten', () => 'data')).toThrow(/declares no access/);
    await app.close();
  });

  it('authenticates before the handler of a route with roles', async () => {
    const app = Fastify();
    installGuard(app, {
      apiKeys: createMemoryApiKeyStore(),
      customers: createMemoryCustomerDirectory([]),
      store: createMemoryTrustStore(),
    });
    app.setErrorHandler((error: { code?: string }, _request, reply) =>
      reply.code(401).send({ code: error.code }),
    );
    let ran = false;
    app.get('/v1/guarded', { config: { access: { roles: ['admin'] } } }, () => {
      ran = true;
      return 'data';
    });
    const res = await app.inject({ method: 'GET', url: '/v1/guarded' });
    expect(res.json()).toEqual({ code: 'UNAUTHENTICATED' });
    expect(ran).toBe(false);
    await app.close();
  });
});
