import { createMemoryBus } from '@trustwatch/bus';
import { createMemoryTrustStore } from '@trustwatch/store';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy.js';
import type { Policy } from '@trustwatch/scoring';
import { ManualClock } from '../clock.js';
import { bmcObserved } from '../test-support/events.js';
import { Scenario, silentLog } from '../test-support/harness.js';

describe('firmware.observed on the embedded default (memory bus and store)', () => {
  let policy: Policy;
  let running: Scenario | null = null;
  beforeAll(async () => {
    policy = await loadPolicy();
  });
  afterEach(async () => {
    await running?.stop();
    running = null;
  });

  const start = async (): Promise<Scenario> => {
    const bus = createMemoryBus({ logger: silentLog });
    const env = { bus, store: createMemoryTrustStore(), quietMs: 60, dispose: () => bus.close() };
    running = await Scenario.start(env, {
      policy,
      clock: new ManualClock(Date.parse('2025-03-01T00:00:00Z')),
    });
    return running;
  };

  const bmcOf = async (s: Scenario, assetId: string): Promise<string | undefined> =>
    (await s.env.store.getFleet('acme')).find((a) => a.id === assetId)?.components.find((c) => c.id === 'bmc')
      ?.version;

  it('keeps both boards when a board observed earlier is handled after another board observed later', async () => {
    const s = await start();
    await s.publish('firmware.observed', [bmcObserved('acme', 'sm-2', '1.04.18', '2025-03-01T10:00:05Z')]);
    await s.drain();
    await s.publish('firmware.observed', [bmcObserved('acme', 'sm-new', '1.04.18', '2025-03-01T10:00:03Z')]);
    await s.publish('firmware.observed', [bmcObserved('acme', 'sm-1', '1.04.18', '2025-03-01T10:00:03Z')]);
    await s.drain();
    const ids = (await s.env.store.getFleet('acme')).map((a) => a.id);
    expect(ids).toContain('sm-new');
    expect(ids).toContain('sm-2');
    expect(await bmcOf(s, 'sm-1')).toBe('1.04.18');
    expect(await bmcOf(s, 'sm-2')).toBe('1.04.18');
  });

  it('ignores an older snapshot of a board already observed later', async () => {
    const s = await start();
    await s.publish('firmware.observed', [bmcObserved('acme', 'sm-1', '1.04.18', '2025-03-01T10:00:05Z')]);
    await s.drain();
    await s.publish('firmware.observed', [bmcObserved('acme', 'sm-1', '1.04.16', '2025-03-01T10:00:03Z')]);
    await s.drain();
    expect(await bmcOf(s, 'sm-1')).toBe('1.04.18');
  });
});
