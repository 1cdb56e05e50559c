import { readFileSync } from 'node:fs';
import { publicDataPath } from '@trustwatch/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFleet } from '../fleet/import-fleet.js';
import type { Asset } from '../port.js';
import { createRedisTrustStore } from './redis-store.js';
import { scanKeys, testRedis } from './test-redis.js';

let env: Awaited<ReturnType<typeof testRedis>>;
beforeAll(async () => {
  env = await testRedis();
});
afterAll(() => env.cleanup());

const realExample = JSON.parse(
  readFileSync(publicDataPath('cyclonedx', 'bom-examples', 'HBOM-PCIe-SATA-adapter-board.bom.json'), 'utf8'),
) as Record<string, unknown>;

const servers = (n: number, version: string): Asset[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `srv-${String(i)}`,
    vendor: i % 4 === 0 ? 'dell' : 'supermicro',
    model: 'X12',
    components: [{ id: 'BMC', kind: 'bmc', version, hashes: [] }],
  }));

describe('redis fleet import', () => {
  it('imports the real CycloneDX example and keeps it when a malformed BOM follows', async () => {
    const store = createRedisTrustStore({ redis: env.redis, prefix: env.prefix() });
    await importFleet(store, 'uni', { format: 'cyclonedx', document: realExample }, 1);
    const before = await store.getFleet('uni');
    expect(before).toHaveLength(6);
    const malformed = { ...realExample, components: [{ type: 'server', name: 'x' }] };
    await expect(
      importFleet(store, 'uni', { format: 'cyclonedx', document: malformed }, 2),
    ).rejects.toMatchObject({
      code: 'INVALID_FLEET',
      path: '/components/0/type',
    });
    expect(await store.getFleet('uni')).toEqual(before);
  });

  it('re-imports a 5000-asset fleet by stage-and-swap and leaves no staging keys behind', async () => {
    const prefix = env.prefix();
    const store = createRedisTrustStore({ redis: env.redis, prefix });
    await store.replaceFleet('big', servers(5000, '1.0'), 1);
    const change = await store.replaceFleet('big', servers(4000, '1.1'), 2);
    expect(change).toMatchObject({ added: [], applied: true });
    expect(change.changed).toHaveLength(4000);
    expect(change.removed).toHaveLength(1000);
    expect(await store.findAssets('big', 'supermicro', 'X12', 'BMC', '1.1')).toHaveLength(3000);
    const leftovers = await scanKeys(env.redis, `${prefix}:*:import:*`);
    expect(leftovers).toEqual([]);
  });
});
