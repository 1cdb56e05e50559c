import { credibilityAt, type Policy } from '@trustwatch/scoring';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy.js';
import { directEngine, seedPortfolio } from '../test-support/direct.js';
import { answers, bigHack, cveAdvisory, firmwareSwap } from '../test-support/events.js';

async function engineWithPortfolio(policy: Policy) {
  const engine = await directEngine(policy);
  await seedPortfolio(engine.store);
  const latest = async (customer: string) =>
    (await engine.store.feed(customer, { limit: 1 })).entries[0]?.change;
  return { engine, latest };
}

describe('trust.changed contents', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy();
  });

  it('reports the stored score decayed to the event time as before, so a drop after a recovery reads as a drop', async () => {
    const { engine, latest } = await engineWithPortfolio(policy);
    await engine.feed(bigHack());
    const low = (await engine.store.getSummary('acme'))?.overall.score ?? 0;
    // Eight years on the allegation has decayed away; a swapped BMC image then costs points.
    await engine.feed(firmwareSwap('acme', 'sm-1', '2026-11-24T10:00:00Z'));
    const change = await latest('acme');
    expect(change?.overall.before).toBeGreaterThan(low);
    expect(change?.overall.after).toBeLessThan(change?.overall.before ?? 0);
    const vendor = change?.vendors.find((v) => v.vendorId === 'supermicro');
    expect(vendor?.after).toBeLessThan(vendor?.before ?? 0);
  });

  it('carries each factor’s credibility after its answers and an advisory’s CVSS base score', async () => {
    const { engine, latest } = await engineWithPortfolio(policy);
    await engine.feed(bigHack());
    const claim = (await latest('acme'))?.factors.find((f) => f.kind === 'news_allegation');
    const [first] = answers();
    if (first === undefined) throw new Error('no answer fixture');
    await engine.feed(first);
    const answered = (await latest('acme'))?.factors.find((f) => f.kind === 'news_allegation');
    const stored = (await engine.store.getFactors('acme')).find((f) => f.kind === 'news_allegation');
    if (stored === undefined) throw new Error('the claim was not stored');
    expect(claim?.cvssBaseScore).toBeUndefined();
    expect(answered?.change).toBe('reassessed');
    // Before is the score without this answer (at its time), after with it: the answer raises trust.
    const answeredChange = await latest('acme');
    expect(answeredChange?.overall.after).toBeGreaterThan(answeredChange?.overall.before ?? 100);
    expect(answered?.credibility).toBeLessThan(claim?.credibility ?? 0);
    expect(answered?.credibility).toBe(credibilityAt(stored, first.time ?? '', policy));
    await engine.feed(cveAdvisory());
    const advisory = (await latest('acme'))?.factors.find((f) => f.kind === 'advisory_exposure');
    expect(advisory?.cvssBaseScore).toBe(cveAdvisory().data.severity.cvssScore);
    expect(advisory?.credibility).toBe(policy.credibility.observed);
  });
});
