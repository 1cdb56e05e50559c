import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { openRedisApiKeys } from '@trustwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Test support of the store package, outside its public index on purpose.
import { purgeKeyPrefix } from '../../../../packages/store/src/contract/purge-prefix.js';
import { hashApiKey } from '../auth/api-keys.js';
import { buildWorld, type World } from '../test-support/world.js';
import { apiKeyStoreOver } from './api-key-store.js';

// A unique key prefix isolates this run from every other user of the shared Redis.
const prefix = uniqueName('twtest-apikeys');
let repo: Awaited<ReturnType<typeof openRedisApiKeys>>;
let world: World;

beforeAll(async () => {
  repo = await openRedisApiKeys({ url: integrationTargets().redisUrl, prefix });
  world = await buildWorld({ apiKeys: apiKeyStoreOver(repo) });
});
afterAll(async () => {
  await world.app.close();
  await repo.close();
  await purgeKeyPrefix({ url: integrationTargets().redisUrl, prefix });
});

describe('API keys persisted in Redis', () => {
  it('issues a key through the API, stores only its hash, authenticates it and revokes it at once', async () => {
    const issued = await world.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: { 'x-api-key': world.keys.admin },
      payload: { name: 'night shift', subject: 'soc-2', role: 'security' },
    });
    expect(issued.statusCode).toBe(201);
    const { key, record } = issued.json<{ key: string; record: { id: string } }>();
    const stored = await repo.get(record.id);
    expect(stored?.hash).toBe(hashApiKey(key));
    expect(JSON.stringify(stored)).not.toContain(key);

    const me = await world.app.inject({ method: 'GET', url: '/v1/me', headers: { 'x-api-key': key } });
    expect(me.json()).toEqual({ subject: 'soc-2', role: 'security' });
    await expect.poll(async () => (await repo.get(record.id))?.lastUsedAt).not.toBeNull();

    const revoked = await world.app.inject({
      method: 'DELETE',
      url: `/v1/api-keys/${record.id}`,
      headers: { 'x-api-key': world.keys.admin },
    });
    expect(revoked.json<{ revokedAt: string | null }>().revokedAt).not.toBeNull();
    const after = await world.app.inject({ method: 'GET', url: '/v1/me', headers: { 'x-api-key': key } });
    expect(after.statusCode).toBe(401);
  });

  it('keeps keys and their revocations across a restart: a new client on the same prefix sees and honours them', async () => {
    const reopened = await openRedisApiKeys({ url: integrationTargets().redisUrl, prefix });
    try {
      const restarted = await buildWorld({ apiKeys: apiKeyStoreOver(reopened) });
      const listed = await restarted.app.inject({
        method: 'GET',
        url: '/v1/api-keys',
        headers: { 'x-api-key': world.keys.admin },
      });
      const items = listed.json<{ items: { subject: string; revokedAt: string | null }[] }>().items;
      // The key issued and revoked before the restart is still listed, still revoked.
      expect(items.find((k) => k.subject === 'soc-2')?.revokedAt).not.toBeNull();
      expect(items.filter((k) => k.subject === 'root')).toHaveLength(2);
      await restarted.app.close();
    } finally {
      await reopened.close();
    }
  });
});
