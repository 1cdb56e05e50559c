import { createMemoryBus } from '@trustwatch/bus';
import { openRedisTrustStore } from '@trustwatch/store';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { loadPolicy } from '@trustwatch/trust-engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { runDemo, type DemoResult } from '../demo/run-demo.js';
import { QUIET_ENV, captureTerminal, silentLog } from '../test-support/capture.js';

describe('score and feed on the Redis store', () => {
  const prefix = uniqueName('twtest-cli-read');
  let environment: Record<string, string>;
  let demo: DemoResult;

  beforeAll(async () => {
    const { redisUrl } = integrationTargets();
    environment = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix };
    // The demo story written to a real Redis store (memory bus: Kafka is not what these commands read).
    const policy = await loadPolicy();
    const store = await openRedisTrustStore({ url: redisUrl, prefix, checkDurability: false });
    demo = await runDemo(
      {
        speed: 1,
        json: true,
        policy,
        log: silentLog,
        adapters: { bus: createMemoryBus({ logger: silentLog }), store, groupId: uniqueName('cli-read') },
      },
      captureTerminal(),
    );
  }, 120_000);

  async function cli(argv: string[]) {
    const term = captureTerminal();
    const code = await runCli(argv, term, { ...QUIET_ENV, environment });
    return { code, out: term.stdout(), err: term.stderr() };
  }

  it("prints the score the demo ended with when asked at the demo's last instant", async () => {
    for (const final of demo.finals) {
      const { code, out } = await cli(['score', final.customerId, '--at', final.at, '--json']);
      expect(code).toBe(0);
      const shown = JSON.parse(out) as typeof final & { factors: { points: number }[] };
      expect({ ...shown, factors: undefined, policyVersion: undefined }).toEqual({
        ...final,
        factors: undefined,
        policyVersion: undefined,
      });
      const points = shown.factors.reduce((sum, f) => sum + f.points, 0);
      expect(points).toBeCloseTo(100 - final.score, 6);
    }
  });

  it('recomputes a past score without the factors that had not happened yet', async () => {
    const hit = demo.finals.find((f) => f.score < 99.95);
    expect(hit).toBeDefined();
    const customerId = hit?.customerId ?? '';
    const before = await cli(['score', customerId, '--at', '2015-01-01', '--json']);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.out)).toMatchObject({ customerId, score: 100, factors: [] });
    const table = await cli(['score', customerId, '--at', hit?.at ?? '']);
    expect(table.out).toContain('factors, most points first');
    expect(table.out).toContain(customerId);
  });

  it("lists a customer's trust changes newest first, and only the newer ones after a cursor", async () => {
    const customerId = demo.finals[0]?.customerId ?? '';
    const changes = demo.steps.flatMap((s) => s.changes).filter((c) => c.data.customerId === customerId);
    expect(changes.length).toBeGreaterThan(1);
    const all = await cli(['feed', customerId, '--limit', '1000', '--json']);
    expect(all.code).toBe(0);
    const lines = all.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; change: { at: string } });
    const entries = lines.slice(0, -1);
    expect(entries.map((e) => e.change)).toEqual(changes.map((c) => c.data).reverse());
    expect(lines.at(-1)).toEqual({ next: null });
    const second = entries[1]?.id ?? '';
    const since = await cli(['feed', customerId, '--since', second, '--json']);
    const newer = since.out
      .trim()
      .split('\n')
      .slice(0, -1)
      .map((l) => JSON.parse(l) as { id: string });
    expect(newer.map((e) => e.id)).toEqual([entries[0]?.id]);
  });

  it('exits 1 with a hint when the customer is unknown', async () => {
    for (const command of ['score', 'feed']) {
      const { code, out, err } = await cli([command, 'no-such-customer']);
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err).toContain('no customer "no-such-customer" in the store');
      expect(err).toContain('hint: check the id and REDIS_KEY_PREFIX');
    }
  });
});
