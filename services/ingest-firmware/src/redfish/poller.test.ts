import { describe, expect, it } from 'vitest';
import { IngestFirmwareError } from '../errors.js';
import { backoffDelay } from './backoff.js';
import { bmcEndpointSchema, type BmcEndpoint } from './endpoint.js';
import type { InventoryReading } from './inventory.js';
import { FirmwarePoller } from './poller.js';

const endpoint = (id: string): BmcEndpoint =>
  bmcEndpointSchema.parse({
    id,
    customerId: 'cust-1',
    assetId: `asset-${id}`,
    baseUrl: 'http://127.0.0.1:9',
  });

const reading = (assetId: string): InventoryReading => ({
  snapshot: {
    customerId: 'cust-1',
    assetId,
    vendor: 'Supermicro',
    model: 'X12',
    observedAt: '2026-01-05T10:00:00Z',
    source: { kind: 'redfish', collector: 'test' },
    components: [{ id: 'BMC', kind: 'bmc', slot: 'active', version: '01.03.18' }],
  },
  crossChecks: [],
});

function harness(fail: Set<string>, options: { concurrency?: number; readDelayMs?: number } = {}) {
  let clock = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const warnings: object[] = [];
  const poller = new FirmwarePoller({
    endpoints: ['a', 'b', 'c', 'd', 'e'].map(endpoint),
    concurrency: options.concurrency ?? 2,
    read: async (target) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((done) => setTimeout(done, options.readDelayMs ?? 1));
      inFlight -= 1;
      if (fail.has(target.id))
        throw new IngestFirmwareError('BMC_SERVER_ERROR', 'down', { bmcId: target.id });
      return reading(target.assetId);
    },
    onSnapshot: () => undefined,
    log: { warn: (fields) => warnings.push(fields), error: (fields) => warnings.push(fields) },
    backoff: { baseMs: 1_000, maxMs: 8_000 },
    errorLogIntervalMs: 60_000,
    now: () => clock,
    random: () => 0.5,
  });
  return { poller, warnings, advance: (ms: number) => (clock += ms), maxInFlight: () => maxInFlight };
}

describe('FirmwarePoller', () => {
  it('never reads more BMCs at once than its concurrency cap', async () => {
    const { poller, maxInFlight } = harness(new Set(), { concurrency: 2, readDelayMs: 10 });
    const round = await poller.pollOnce();
    expect(round.succeeded).toHaveLength(5);
    expect(maxInFlight()).toBe(2);
  });

  it('leaves a failed BMC alone until its backoff has passed, and keeps polling the others', async () => {
    const { poller, advance } = harness(new Set(['c']));
    expect((await poller.pollOnce()).failed.map((f) => f.bmcId)).toEqual(['c']);
    advance(500);
    const second = await poller.pollOnce();
    expect(second.deferred).toEqual(['c']);
    expect(second.succeeded).toHaveLength(4);
    advance(1_000);
    expect((await poller.pollOnce()).failed.map((f) => f.bmcId)).toEqual(['c']);
    expect(poller.failuresOf('c')).toBe(2);
  });

  it('logs a failing BMC once per interval, counting the failures it held back', async () => {
    const { poller, warnings, advance } = harness(new Set(['a']));
    for (let round = 0; round < 4; round += 1) {
      await poller.pollOnce();
      advance(20_000);
    }
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatchObject({ bmcId: 'a', code: 'BMC_SERVER_ERROR', suppressed: 2 });
  });
});

describe('FirmwarePoller cross-checks', () => {
  it('warns once per interval when a BMC inventory disagrees with its manager', async () => {
    const warnings: object[] = [];
    const mismatch = {
      kind: 'bmc',
      inventoryVersion: '2',
      reportedVersion: '1',
      outcome: 'mismatch',
    } as const;
    const poller = new FirmwarePoller({
      endpoints: [endpoint('a')],
      concurrency: 1,
      read: () => Promise.resolve({ ...reading('asset-a'), crossChecks: [mismatch] }),
      onSnapshot: () => undefined,
      log: { warn: (fields) => warnings.push(fields), error: (fields) => warnings.push(fields) },
      errorLogIntervalMs: 60_000,
      now: () => 0,
    });
    await poller.pollOnce();
    await poller.pollOnce();
    expect(warnings).toEqual([{ bmcId: 'a', crossCheck: mismatch }]);
  });
});

describe('backoffDelay', () => {
  it('doubles per failure within half-jitter and stops at the ceiling', () => {
    const policy = { baseMs: 1_000, maxMs: 8_000 };
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(n, policy, () => 0))).toEqual([
      500, 1_000, 2_000, 4_000, 4_000,
    ]);
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(n, policy, () => 1))).toEqual([
      1_000, 2_000, 4_000, 8_000, 8_000,
    ]);
  });
});

describe('FirmwarePoller.run', () => {
  it('polls in rounds until its signal aborts', async () => {
    const { poller } = harness(new Set());
    const controller = new AbortController();
    const rounds: number[] = [];
    await poller.run(5, controller.signal, (round) => {
      rounds.push(round.succeeded.length);
      if (rounds.length === 3) controller.abort();
    });
    expect(rounds).toEqual([5, 5, 5]);
  });
});

describe('FirmwarePoller.pollBmc', () => {
  it('reads one BMC at once even while it backs off, and knows no other BMC', async () => {
    const { poller } = harness(new Set(['c']));
    await poller.pollOnce();
    expect((await poller.pollOnce()).deferred).toEqual(['c']);
    expect(await poller.pollBmc('c')).toBe('failed');
    expect(poller.failuresOf('c')).toBe(2);
    expect(await poller.pollBmc('a')).toBe('read');
    expect(await poller.pollBmc('zz')).toBe('unknown');
  });
});
