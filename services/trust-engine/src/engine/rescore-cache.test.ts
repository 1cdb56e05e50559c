import { bindSharedFactor, type Factor } from '@trustwatch/schemas';
import { newsClaimFactor, nextCrossingAt, type Policy } from '@trustwatch/scoring';
import type { CustomerSnapshot } from '@trustwatch/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy.js';
import { rescore, type RescoreInput } from './rescore.js';
import { createRescoreCache } from './rescore-cache.js';

describe('rescore cache', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy();
  });

  const claimOf = (policy: Policy, storyId = 'story-1') =>
    newsClaimFactor(
      {
        eventId: 'e1',
        storyId,
        kind: 'news_allegation',
        vendorId: 'supermicro',
        outlets: ['Bloomberg'],
        urls: ['https://news.example/1'],
        admiralty: { reliability: 'B', credibility: 3 },
        occurredAt: '2018-10-04T09:00:00Z',
        summary: 'Implants alleged',
      },
      policy,
    );

  const input = (
    customerId: string,
    exposure: number,
    policy: Policy,
    stored: readonly Factor[] = [],
  ): RescoreInput => {
    const claim = claimOf(policy);
    const snapshot: CustomerSnapshot = { customerId, factors: [...stored], summary: null, revision: 0 };
    return {
      snapshot,
      factors: [],
      exposures: [{ factorId: claim.id, customerId, exposure, vendorExposure: 1 }],
      shared: new Map([[claim.id, claim]]),
      at: Date.parse('2018-10-04T09:00:00Z'),
      causeEventIds: ['e1'],
      policy,
    };
  };

  it('gives a customer in the same state as an earlier one exactly what rescoring it directly gives', () => {
    const score = createRescoreCache(policy);
    score(input('acme', 0.5, policy));
    const cached = score(input('globex', 0.5, policy));
    const direct = rescore(input('globex', 0.5, policy));
    expect({ factors: cached.factors, evaluation: cached.evaluation, change: cached.change }).toEqual(direct);
    const due = nextCrossingAt(direct.factors, direct.evaluation.summary, policy);
    expect(cached.nextDue).toBe(due === null ? null : Date.parse(due));
  });

  it('does not share results between customers whose exposure differs', () => {
    const score = createRescoreCache(policy);
    const half = score(input('acme', 0.5, policy));
    const tenth = score(input('globex', 0.1, policy));
    expect(tenth.evaluation.summary.overall.score).toBeGreaterThan(half.evaluation.summary.overall.score);
    expect(tenth).toMatchObject({ evaluation: { summary: { customerId: 'globex' } } });
  });

  // A factor the customer already holds: an earlier claim bound to it.
  const held = (customerId: string, severity: number): Factor => ({
    ...bindSharedFactor(claimOf(policy, 'story-0'), {
      factorId: claimOf(policy, 'story-0').id,
      customerId,
      exposure: 0.5,
      vendorExposure: 1,
    }),
    severity,
  });

  it('does not share results between customers whose stored factors differ in content only', () => {
    const score = createRescoreCache(policy);
    score(input('acme', 0.5, policy, [held('acme', 0.9)]));
    const cached = score(input('globex', 0.5, policy, [held('globex', 0.2)]));
    const direct = rescore(input('globex', 0.5, policy, [held('globex', 0.2)]));
    expect({ factors: cached.factors, evaluation: cached.evaluation, change: cached.change }).toEqual(direct);
  });

  it("gives a customer holding frozen factors equal to an earlier one's what rescoring it directly gives", () => {
    const score = createRescoreCache(policy);
    const first = score(input('acme', 0.5, policy, [Object.freeze(held('acme', 0.9))]));
    const second = score(input('globex', 0.5, policy, [Object.freeze(held('globex', 0.9))]));
    const direct = rescore(input('globex', 0.5, policy, [held('globex', 0.9)]));
    expect({ factors: second.factors, evaluation: second.evaluation, change: second.change }).toEqual(direct);
    expect(second.evaluation.summary.overall.score).toBe(first.evaluation.summary.overall.score);
  });

  it('reads a factor that can still change afresh in every event', () => {
    const mutable = held('acme', 0.9);
    // A second customer with the same outline, so the first event reads the factor in full.
    const earlier = createRescoreCache(policy);
    earlier(input('initech', 0.5, policy, [held('initech', 0.9)]));
    earlier(input('acme', 0.5, policy, [mutable]));
    mutable.severity = 0.2;
    const score = createRescoreCache(policy);
    score(input('globex', 0.5, policy, [held('globex', 0.9)]));
    const after = score(input('acme', 0.5, policy, [mutable]));
    const direct = rescore(input('acme', 0.5, policy, [held('acme', 0.2)]));
    expect({ factors: after.factors, evaluation: after.evaluation, change: after.change }).toEqual(direct);
  });

  it('scores customers holding their own factors directly, without keying them', () => {
    const own = (customerId: string): Factor => ({
      ...bindSharedFactor(claimOf(policy, `story-${customerId}`), {
        factorId: 'x',
        customerId,
        exposure: 0.5,
        vendorExposure: 1,
      }),
      id: `fct-own-${customerId}`,
      origin: 'customer',
    });
    const cached = createRescoreCache(policy);
    const first = cached(input('acme', 0.5, policy, [own('acme')]));
    const second = cached(input('globex', 0.5, policy, [own('globex')]));
    expect(cached.counts).toEqual({ keyed: 0, reused: 0 });
    expect(second.evaluation.summary.overall.score).toBe(first.evaluation.summary.overall.score);
    const shared = createRescoreCache(policy);
    shared(input('initech', 0.5, policy));
    shared(input('umbrella', 0.5, policy));
    expect(shared.counts).toEqual({ keyed: 1, reused: 1 });
  });
});
