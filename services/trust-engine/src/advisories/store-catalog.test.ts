import type { Policy } from '@trustwatch/scoring';
import { createMemoryTrustStore } from '@trustwatch/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy.js';
import { directEngine, seedPortfolio } from '../test-support/direct.js';
import { bmcObserved, cveAdvisory } from '../test-support/events.js';

describe('advisories kept in the store', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy();
  });

  it('let an instance that never saw the advisory resolve it on upgrade and open it for a new asset', async () => {
    const store = createMemoryTrustStore();
    await seedPortfolio(store);
    const first = await directEngine(policy, store);
    await first.feed(cveAdvisory());
    expect((await store.getFactors('acme')).map((f) => [f.kind, f.status])).toEqual([
      ['advisory_exposure', 'active'],
    ]);
    // Another instance (or this one after a restart): its process memory holds no advisory.
    const second = await directEngine(policy, store);
    await second.feed(bmcObserved('acme', 'sm-1', '1.04.18', '2025-03-01T00:00:00Z'));
    await second.feed(bmcObserved('acme', 'sm-2', '1.04.18', '2025-03-02T00:00:00Z'));
    expect((await store.getFactors('acme')).map((f) => f.status)).toEqual(['resolved']);
    await second.feed(bmcObserved('umbrella', 'umbrella-x12', '1.04.16', '2025-03-03T00:00:00Z'));
    expect((await store.getFactors('umbrella')).map((f) => [f.kind, f.status, f.exposure])).toEqual([
      ['advisory_exposure', 'active', 1 / 4],
    ]);
    // Opened by the observation, it holds what the advisory's own path would have: its event and date.
    const [opened] = await store.getFactors('umbrella');
    expect(opened?.evidence.eventIds).toEqual([cveAdvisory().id]);
    expect(opened?.occurredAt).toBe(new Date(Date.parse(cveAdvisory().data.published)).toISOString());
  });
});
