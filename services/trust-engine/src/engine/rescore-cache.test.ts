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

  const input = (customerId: string, exposure: number, policy: Policy): RescoreInput => {
    const claim = newsClaimFactor(
      {
        eventId: 'e1',
        storyId: 'story-1',
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
    const snapshot: CustomerSnapshot = { customerId, factors: [], summary: null, revision: 0 };
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
});
