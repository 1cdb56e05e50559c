import { connectRedis, createRedisTrustStore, registerScripts } from '@trustwatch/store';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadPolicy } from '../policy.js';
import { directEngine } from '../test-support/direct.js';
import { firmwareSwap, story, supplierMove } from '../test-support/events.js';

const redis = await connectRedis({ url: integrationTargets().redisUrl });
registerScripts(redis);
const prefixes: string[] = [];
// Thousands of customers' keys per case: deleted with the client, only under this file's prefixes.
afterAll(async () => {
  for (const prefix of prefixes) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  }
  await redis.quit();
});

const allegation = (n: number, at: string) =>
  story({
    storyId: `story-rt-${String(n)}`,
    outlet: 'Outlet',
    reliability: 'B',
    credibility: 3,
    kind: 'backdoor_allegation',
    stance: 'asserts',
    at,
    sentence: `Allegation ${String(n)} about Super Micro boards.`,
  });

describe('a news item on the real Redis', () => {
  it.each([1000, 2500])(
    'reaches all %i customers of the vendor in ceil(N/1000) + 1 round trips once the vendor had news before',
    async (n) => {
      const prefix = uniqueName('tw-rt');
      prefixes.push(prefix);
      const store = createRedisTrustStore({ redis, prefix });
      for (let i = 0; i < n; i += 250) {
        await Promise.all(
          Array.from({ length: Math.min(250, n - i) }, (_, j) =>
            store.replaceFleet(
              `c${String(i + j).padStart(5, '0')}`,
              [{ id: 'a', vendor: 'supermicro', model: 'X12DPG-OA6', components: [] }],
              1,
            ),
          ),
        );
      }
      const engine = await directEngine(await loadPolicy(), store);
      await engine.feed(allegation(1, '2026-11-01T00:00:00Z'));
      const writes = vi.spyOn(redis.stream, 'write');
      await engine.feed(allegation(2, '2026-11-02T00:00:00Z'));
      const trips = writes.mock.calls.length;
      writes.mockRestore();
      // Planning (the claim stored, its customers looked up, their states read ahead), then the
      // pipelined fan-out; its last chunk's applies carry the Kafka position.
      expect(trips).toBe(Math.ceil(n / 1000) + 1);
      const [last] = await store.loadCustomers([`c${String(n - 1).padStart(5, '0')}`]);
      expect(last?.factors.map((f) => f.summary).sort()).toEqual([
        'Allegation 1 about Super Micro boards.',
        'Allegation 2 about Super Micro boards.',
      ]);
    },
    120_000,
  );
});

describe('a run of 1:1 events on the real Redis', () => {
  const at = (hour: number) => new Date(Date.parse('2026-11-20T00:00:00Z') + hour * 3_600_000).toISOString();

  it('applies firmware changes of distinct customers in two round trips: their fleets with their states, then the apply', async () => {
    const prefix = uniqueName('tw-rt');
    prefixes.push(prefix);
    const store = createRedisTrustStore({ redis, prefix });
    const ids = Array.from({ length: 50 }, (_, i) => `fw${String(i).padStart(3, '0')}`);
    await Promise.all(
      ids.map((id) =>
        store.replaceFleet(
          id,
          [{ id: `${id}-a`, vendor: 'supermicro', model: 'X12DPG-OA6', components: [] }],
          1,
        ),
      ),
    );
    const engine = await directEngine(await loadPolicy(), store);
    const writes = vi.spyOn(redis.stream, 'write');
    const outcomes = await engine.feedBatch(ids.map((id) => firmwareSwap(id, `${id}-a`, at(1))));
    const trips = writes.mock.calls.length;
    writes.mockRestore();
    expect(outcomes.every((o) => o.status === 'done')).toBe(true);
    expect(trips).toBe(2);
    expect((await store.getFactors('fw049')).map((f) => f.kind)).toEqual(['firmware_unknown_build']);
  });

  it('applies supplier moves of vendors looked up before in three round trips: the link and factors, the lookup with the customers, the apply', async () => {
    const prefix = uniqueName('tw-rt');
    prefixes.push(prefix);
    const store = createRedisTrustStore({ redis, prefix });
    const vendors = ['dell', 'lenovo', 'hpe'];
    await Promise.all(
      vendors.map((vendor, i) =>
        store.replaceFleet(
          `sc${String(i)}`,
          [{ id: `a${String(i)}`, vendor, model: 'm', components: [] }],
          1,
        ),
      ),
    );
    const engine = await directEngine(await loadPolicy(), store);
    const move = (supplier: string, day: string) =>
      vendors.map((vendor) => supplierMove(`${supplier}-${vendor}`, vendor, 'motherboard', 'TW', 'CN', day));
    await engine.feedBatch(move('first', '2026-11-21'));
    const writes = vi.spyOn(redis.stream, 'write');
    const outcomes = await engine.feedBatch(move('second', '2026-11-22'));
    const trips = writes.mock.calls.length;
    writes.mockRestore();
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'done', 'done']);
    expect(trips).toBe(3);
  });
});
