import type { AdvisoryPublished } from '@trustwatch/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeys } from '../keys.js';
import type { FiledAdvisory } from '../port.js';
import { createRedisTrustStore } from './redis-store.js';
import { countRoundTrips, testRedis } from './test-redis.js';

function published(id: string, vendorId: string, title = 'BMC flaw'): AdvisoryPublished {
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

function advisory(id: string, vendorId: string, title = 'BMC flaw'): FiledAdvisory {
  return { eventId: `event-${id}-${title}`, advisory: published(id, vendorId, title) };
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
    expect((await reader.advisoriesOfVendor('acme')).map((a) => a.advisory.title)).toEqual(['BMC flaw']);
    await writer.putAdvisory(advisory('CVE-2026-10001', 'acme', 'BMC flaw, revised'));
    expect((await reader.advisoriesOfVendor('ACME')).map((a) => a.advisory.title)).toEqual([
      'BMC flaw, revised',
    ]);
    await writer.putAdvisory(advisory('CVE-2026-10001', 'globex'));
    expect(await reader.advisoriesOfVendor('acme')).toEqual([]);
    expect((await reader.advisoriesOfVendor('globex')).map((a) => a.advisory.advisoryId)).toEqual([
      'CVE-2026-10001',
    ]);
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

  it('reads a record stored before the event id was kept, with the advisory id as its evidence', async () => {
    const prefix = env.prefix();
    const store = createRedisTrustStore({ redis: env.redis, prefix });
    const legacy = published('CVE-2026-30001', 'acme');
    await env.redis.hset(
      createKeys(prefix).vendorAdvisories('acme'),
      legacy.advisoryId,
      JSON.stringify(legacy),
    );
    expect(await store.advisoriesOfVendor('acme')).toEqual([{ eventId: 'CVE-2026-30001', advisory: legacy }]);
  });
});
