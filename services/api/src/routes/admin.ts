import { policySchema } from '@trustwatch/scoring';
import { z } from 'zod';
import { ADMIN_ONLY, ANY_ROLE } from '../auth/access-policy.js';
import { issueApiKey } from '../auth/api-keys.js';
import { roleSchema } from '../auth/principal.js';
import type { RouteDeps, ZodApp } from '../deps.js';
import { ApiError } from '../errors.js';
import type { ApiKeyRecord } from '../ports/api-keys.js';
import { AUTHENTICATED } from './params.js';

const keyViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  subject: z.string(),
  role: roleSchema,
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
// The hash never leaves the service: it would let an attacker test guesses offline.
const view = ({ hash: _hash, lastUsedAt, ...rest }: ApiKeyRecord) => ({
  ...rest,
  lastUsedAt: lastUsedAt ?? null,
});

/** The active scoring policy, and API key management (admins only). */
export function adminRoutes(app: ZodApp, deps: RouteDeps): void {
  app.get(
    '/v1/policy',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: {
        tags: ['policy'],
        summary: 'The scoring policy in force',
        security: AUTHENTICATED,
        response: { 200: policySchema },
      },
    },
    () => deps.policy,
  );
  app.get(
    '/v1/api-keys',
    {
      config: { access: { roles: ADMIN_ONLY } },
      schema: {
        tags: ['auth'],
        summary: 'API keys (never their secret)',
        security: AUTHENTICATED,
        response: { 200: z.strictObject({ items: z.array(keyViewSchema) }) },
      },
    },
    async () => ({ items: (await deps.apiKeys.list()).map(view) }),
  );
  app.post(
    '/v1/api-keys',
    {
      config: { access: { roles: ADMIN_ONLY } },
      schema: {
        tags: ['auth'],
        summary: 'Issue an API key; the key is in this response only',
        security: AUTHENTICATED,
        body: z.strictObject({
          name: z.string().min(1).max(200),
          subject: z.string().min(1).max(256),
          role: roleSchema,
        }),
        response: { 201: z.strictObject({ key: z.string(), record: keyViewSchema }) },
      },
    },
    async (request, reply) => {
      const { key, record } = await issueApiKey(deps.apiKeys, request.body, new Date(deps.now()));
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ key, record: view(record) });
    },
  );
  app.delete(
    '/v1/api-keys/:keyId',
    {
      config: { access: { roles: ADMIN_ONLY } },
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API key at once',
        security: AUTHENTICATED,
        params: z.strictObject({ keyId: z.string().regex(/^[0-9a-f]{16}$/) }),
        response: { 200: keyViewSchema },
      },
    },
    async (request) => {
      const record = await deps.apiKeys.revoke(request.params.keyId, new Date(deps.now()).toISOString());
      if (record === null) throw new ApiError('NOT_FOUND', 'no such key');
      return view(record);
    },
  );
}
