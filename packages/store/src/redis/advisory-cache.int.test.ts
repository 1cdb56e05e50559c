import type { AdvisoryPublished } from '@trustwatch/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisTrustStore } from './redis-store.js';
import { countRoundTrips, testRedis } from './test-redis.js';

function advisory(id: string, vendorId: string, title = 'BMC flaw'): AdvisoryPublished {
  return {
    advisoryId: id,
    title,
    published: '2026-11-01T00:00:00Z',
    severity: { cvssScore: 7.2 },
    affected: [
      { vendorId, vendorName: vendorId, product: 'X12', versions: [{ version: '1.0', status: 'affected' }] },
    ],
    references: [],
  };
}

let env: Awaited<ReturnType<typeof testRedis>>;
beforeAll(async () => {
  env = await testRedis();
});
afterAll(async () => {
  await env.cleanup();
});

describe('advisories of a vendor, cached by version', () => {
  it('sees every write another instance makes, a revision and an unfiling included', async () => {
    const prefix = env.prefix();
    const reader = createRedisTrustStore({ redis: env.redis, prefix });
    const writer = createRedisTrustStore({ redis: env.redis, prefix });
    expect(await reader.advisoriesOfVendor('acme')).toEqual([]);
    await writer.putAdvisory(advisory('CVE-2026-10001', 'acme'));
    expect((await reader.advisoriesOfVendor('acme')).map((a) => a.title)).toEqual(['BMC flaw']);
    await writer.putAdvisory(advisory('CVE-2026-10001', 'acme', 'BMC flaw, revised'));
    expect((await reader.advisoriesOfVendor('ACME')).map((a) => a.title)).toEqual(['BMC flaw, revised']);
    await writer.putAdvisory(advisory('CVE-2026-10001', 'globex'));
    expect(await reader.advisoriesOfVendor('acme')).toEqual([]);
    expect((await reader.advisoriesOfVendor('globex')).map((a) => a.advisoryId)).toEqual(['CVE-2026-10001']);
  });

  it('reads an unchanged vendor with one small command instead of the whole hash', async () => {
    const prefix = env.prefix();
    const store = createRedisTrustStore({ redis: env.redis, prefix });
    for (let i = 0; i < 50; i += 1)
      await store.putAdvisory(advisory(`CVE-2026-${String(20_000 + i)}`, 'acme'));
    await store.advisoriesOfVendor('acme');
    const counted = countRoundTrips(env.redis);
    const again = await store.advisoriesOfVendor('acme');
    expect(counted.stop()).toBe(1);
    expect(again).toHaveLength(50);
    again.pop();
    expect(await store.advisoriesOfVendor('acme')).toHaveLength(50);
  });
});
