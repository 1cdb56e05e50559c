import { createMemoryApiKeys } from '@trustwatch/store';
import { describe, expect, it } from 'vitest';
import { hashApiKey, issueApiKey } from '../auth/api-keys.js';
import { authenticate } from '../auth/authenticate.js';
import { apiKeyStoreOver } from './api-key-store.js';

const NOW = Date.parse('2026-11-01T00:00:00Z');

describe('API-key store adapter', () => {
  it('authenticates an issued key and records its use at most once a minute', async () => {
    const repo = createMemoryApiKeys();
    const store = apiKeyStoreOver(repo);
    const { key, record } = await issueApiKey(
      store,
      { name: 'soc', subject: 'soc', role: 'security' },
      new Date(NOW),
    );
    let now = NOW + 1000;
    const deps = { apiKeys: store, now: () => now };
    expect(await authenticate(deps, { 'x-api-key': key })).toMatchObject({
      subject: 'soc',
      role: 'security',
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect((await repo.get(record.id))?.lastUsedAt).toBe(new Date(NOW + 1000).toISOString());
    now += 30_000;
    await authenticate(deps, { 'x-api-key': key });
    await new Promise((resolve) => setImmediate(resolve));
    expect((await repo.get(record.id))?.lastUsedAt).toBe(new Date(NOW + 1000).toISOString());
    now += 60_000;
    await authenticate(deps, { 'x-api-key': key });
    await new Promise((resolve) => setImmediate(resolve));
    expect((await repo.get(record.id))?.lastUsedAt).toBe(new Date(now).toISOString());
  });

  it('refuses a revoked key, and keeps it revoked when it is put again', async () => {
    const store = apiKeyStoreOver(createMemoryApiKeys());
    const { key, record } = await issueApiKey(
      store,
      { name: 'a', subject: 'a', role: 'admin' },
      new Date(NOW),
    );
    await store.revoke(record.id, new Date(NOW + 1).toISOString());
    await store.put({ ...record, revokedAt: null });
    await expect(authenticate({ apiKeys: store }, { 'x-api-key': key })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('treats a key whose role this version does not know as unusable', async () => {
    const repo = createMemoryApiKeys();
    const hash = hashApiKey('twk_0123456789abcdef_unknown-role');
    await repo.put({
      id: '0123456789abcdef',
      name: 'x',
      subject: 'x',
      role: 'auditor',
      hash,
      createdAt: new Date(NOW).toISOString(),
    });
    const store = apiKeyStoreOver(repo);
    expect(await store.findByHash(hash)).toBeNull();
    expect(await store.list()).toEqual([]);
  });
});
