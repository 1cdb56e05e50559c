import type { CloudEvent } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy.js';
import { directEngine, seedPortfolio } from '../test-support/direct.js';
import { bmcObserved, cveAdvisory } from '../test-support/events.js';

/**
 * Acme's factors and summary after the events, fed in the order given, once its two boards in the
 * advisory's range (sm-1, sm-2) were upgraded out of it: sm-3 is then the only one a downgrade can match.
 */
async function acmeAfter(policy: Policy, events: readonly CloudEvent[]) {
  const engine = await directEngine(policy);
  await seedPortfolio(engine.store);
  await engine.feed(bmcObserved('acme', 'sm-1', '1.04.18', '2025-01-01T00:00:00Z'));
  await engine.feed(bmcObserved('acme', 'sm-2', '1.04.18', '2025-01-01T00:00:00Z'));
  for (const event of events) await engine.feed(event);
  return {
    factors: await engine.store.getFactors('acme'),
    summary: await engine.store.getSummary('acme'),
  };
}

describe('an advisory and the observation that puts an asset in its range, in either order', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy();
  });

  // The advisory (CVE-2024-10237) was published on 2025-02-04: a board downgraded into its range and
  // observed after that date, or observed before it with the report arriving late.
  it.each([
    ['after the advisory was published', '2025-03-03T00:00:00Z'],
    ['before the advisory was published', '2025-01-10T00:00:00Z'],
  ])('opens the same factor and score for a board observed %s', async (_when, observedAt) => {
    const advisory = cveAdvisory();
    const observed = bmcObserved('acme', 'sm-3', '1.04.16', observedAt);
    const advisoryFirst = await acmeAfter(policy, [advisory, observed]);
    const observationFirst = await acmeAfter(policy, [observed, advisory]);
    expect(advisoryFirst.factors.map((f) => [f.kind, f.status])).toEqual([['advisory_exposure', 'active']]);
    expect(advisoryFirst.factors).toEqual(observationFirst.factors);
    // The factor counts in the score either way round (the instant scored at may differ: the advisory's
    // own path scores at its date, an observation at its time or the advisory's date, whichever is later).
    const scores = (summary: typeof advisoryFirst.summary) => ({
      overall: summary?.overall,
      vendors: summary?.vendors,
      factorCount: summary?.factorCount,
    });
    expect(scores(advisoryFirst.summary)).toEqual(scores(observationFirst.summary));
    expect(advisoryFirst.summary?.overall.score).toBeLessThan(policy.baseline);
  });
});
