import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ApiKeyRepository, NewApiKey } from './api-key-types.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
let counter = 0;

/** A key with a fresh id and hash; `overrides` sets any field. */
export function newKey(overrides: Partial<NewApiKey> = {}): NewApiKey {
  counter += 1;
  return {
    id: `k${String(counter).padStart(15, '0')}`,
    name: `key ${String(counter)}`,
    subject: 'soc',
    role: 'security',
    hash: sha(`secret-${String(counter)}-${String(Math.random())}`),
    createdAt: new Date(Date.UTC(2026, 10, 1, 0, counter)).toISOString(),
    ...overrides,
  };
}

/** The behaviour every ApiKeyRepository adapter shares; `make` returns an empty repository. */
export function describeApiKeyContract(adapter: string, make: () => Promise<ApiKeyRepository>): void {
  describe(`${adapter} API-key repository`, () => {
    it('finds a key by its hash only, and nothing for an unknown or malformed hash', async () => {
      const repo = await make();
      const key = newKey();
      await repo.put(key);
      expect(await repo.findByHash(key.hash)).toEqual({ ...key, revokedAt: null, lastUsedAt: null });
      expect(await repo.findByHash(sha('other'))).toBeNull();
      expect(await repo.findByHash('not-a-hash')).toBeNull();
    });

    it('keeps the first revocation time, and re-putting a revoked key leaves it revoked', async () => {
      const repo = await make();
      const key = newKey();
      await repo.put(key);
      expect((await repo.revoke(key.id, '2026-11-02T00:00:00.000Z'))?.revokedAt).toBe(
        '2026-11-02T00:00:00.000Z',
      );
      expect((await repo.revoke(key.id, '2026-11-03T00:00:00.000Z'))?.revokedAt).toBe(
        '2026-11-02T00:00:00.000Z',
      );
      await repo.put({ ...key, name: 'renamed', createdAt: '2026-11-05T00:00:00.000Z' });
      expect(await repo.findByHash(key.hash)).toMatchObject({
        name: 'renamed',
        createdAt: key.createdAt,
        revokedAt: '2026-11-02T00:00:00.000Z',
      });
      expect(await repo.revoke('unknown', '2026-11-02T00:00:00.000Z')).toBeNull();
      expect(await repo.get('unknown')).toBeNull();
    });

    it('records the last use without ever moving it backwards, and creates nothing for an unknown id', async () => {
      const repo = await make();
      const key = newKey();
      await repo.put(key);
      expect(await repo.touch(key.id, '2026-11-02T10:00:00.000Z')).toBe(true);
      await repo.touch(key.id, '2026-11-02T09:00:00.000Z');
      expect((await repo.get(key.id))?.lastUsedAt).toBe('2026-11-02T10:00:00.000Z');
      expect(await repo.touch('ghost', '2026-11-02T10:00:00.000Z')).toBe(false);
      expect(await repo.list()).toHaveLength(1);
    });

    it('lists every key, revoked ones included, oldest first', async () => {
      const repo = await make();
      const [a, b, c] = [newKey(), newKey(), newKey()];
      for (const key of [c, a, b]) if (key !== undefined) await repo.put(key);
      if (b !== undefined) await repo.revoke(b.id, '2026-11-02T00:00:00.000Z');
      expect((await repo.list()).map((k) => k.id)).toEqual([a?.id, b?.id, c?.id]);
    });

    it('re-binds a re-keyed id to its new hash, so the old secret stops working', async () => {
      const repo = await make();
      const key = newKey();
      await repo.put(key);
      const rotated = { ...key, hash: sha(`rotated-${key.id}`) };
      await repo.put(rotated);
      expect(await repo.findByHash(key.hash)).toBeNull();
      expect((await repo.findByHash(rotated.hash))?.id).toBe(key.id);
    });

    it('refuses a hash that belongs to another key, and malformed keys, before writing', async () => {
      const repo = await make();
      const key = newKey();
      await repo.put(key);
      await expect(repo.put(newKey({ hash: key.hash }))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(repo.put(newKey({ hash: 'short' }))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(repo.put(newKey({ id: 'a:b{c}' }))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect((await repo.list()).map((k) => k.id)).toEqual([key.id]);
    });
  });
}
