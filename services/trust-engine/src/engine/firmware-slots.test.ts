import type { EventOf } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy.js';
import { directEngine, seedPortfolio } from '../test-support/direct.js';
import { firmwareSwap } from '../test-support/events.js';

type FirmwareEvent = EventOf<'com.trustwatch.firmware.changed.v1'>;

/** The n-th flash of acme's sm-1 BMC: an unknown image each time, or a published build. */
function flash(n: number, published = false): FirmwareEvent {
  const at = new Date(Date.parse('2025-03-01T00:00:00Z') + n * 60_000).toISOString();
  const event = firmwareSwap('acme', 'sm-1', at);
  const hash = { algorithm: 'sha256' as const, value: n.toString(16).padStart(64, 'c') };
  return {
    ...event,
    id: `fw-flash-${String(n)}`,
    data: {
      ...event.data,
      change: published ? 'upgrade' : 'unknown_build',
      before: { version: '1.04.16' },
      after: { version: published ? '1.04.18' : '1.04.16', hash },
      knownGood: published ? 'yes' : 'no',
    },
  };
}

describe('firmware changes of one slot', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy();
  });

  it('holds one finding per slot however often it is flashed, and reports every new unknown image', async () => {
    const engine = await directEngine(policy);
    await seedPortfolio(engine.store);
    for (let n = 0; n < 40; n += 1) await engine.feed(flash(n));
    const factors = await engine.store.getFactors('acme');
    expect(factors.map((f) => [f.kind, f.status, f.occurredAt])).toEqual([
      ['firmware_unknown_build', 'active', flash(39).data.observedAt],
    ]);
    const feed = await engine.store.feed('acme', { limit: 100 });
    expect(feed.entries).toHaveLength(40);
    for (const { change } of feed.entries) {
      expect(change.factors.map((f) => [f.kind, f.change])).toEqual([['firmware_unknown_build', 'added']]);
    }
  });

  it('gives the trust back when the slot is flashed with a published build', async () => {
    const engine = await directEngine(policy);
    await seedPortfolio(engine.store);
    await engine.feed(flash(0));
    const lowered = await engine.store.getSummary('acme');
    await engine.feed(flash(1, true));
    const summary = await engine.store.getSummary('acme');
    expect(lowered?.overall.score).toBeLessThan(policy.baseline);
    expect(summary?.overall.score).toBe(policy.baseline);
    const [latest] = (await engine.store.feed('acme', { limit: 1 })).entries;
    expect(latest?.change.factors.map((f) => [f.kind, f.change])).toEqual([
      ['firmware_unknown_build', 'resolved'],
    ]);
    expect(latest?.change.overall).toEqual({ before: lowered?.overall.score, after: policy.baseline });
  });

  it('keeps the newer image when an older report of the slot arrives late', async () => {
    const engine = await directEngine(policy);
    await seedPortfolio(engine.store);
    await engine.feed(flash(5));
    await engine.feed(flash(2));
    const [factor] = await engine.store.getFactors('acme');
    expect(factor?.occurredAt).toBe(flash(5).data.observedAt);
    expect(factor?.evidence.eventIds).toEqual(['fw-flash-5']);
  });
});
