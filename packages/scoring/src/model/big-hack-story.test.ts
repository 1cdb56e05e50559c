import { readFileSync } from 'node:fs';
import { bindSharedFactor, type Factor, type SharedFactor } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { answerClaim, newsClaimFactor, type ClaimAnswer } from '../factors/news.js';
import { parsePolicy } from '../policy/parse-policy.js';
import { credibilityAt } from './credibility.js';
import { explain } from './explain.js';
import { scoreAt } from './score.js';
import { summarize } from './summary.js';

// The 2018 "Big Hack" story from DOMAIN.md: an allegation, five denials, an audit finding nothing.
const policy = parsePolicy(
  readFileSync(new URL('../../policy/default.policy.yaml', import.meta.url), 'utf8'),
);
const supermicro = { level: 'vendor', vendorId: 'supermicro' } as const;

const allegation = newsClaimFactor(
  {
    eventId: 'news-bloomberg-1',
    storyId: 'story-big-hack',
    kind: 'news_allegation',
    vendorId: 'supermicro',
    outlets: ['bloomberg', 'yahoo-finance', 'seattle-times'],
    urls: ['https://www.bloomberg.com/news/features/2018-10-04/the-big-hack'],
    admiralty: { reliability: 'B', credibility: 2 },
    occurredAt: '2018-10-04T09:00:00Z',
    summary: 'Bloomberg alleges implanted chips on Super Micro motherboards',
  },
  policy,
);

function answer(
  kind: ClaimAnswer['kind'],
  by: string,
  at: string,
  reliability: 'A' | 'B' | 'C' | 'D',
): ClaimAnswer {
  return {
    eventId: `news-${by}-${kind}`,
    kind,
    by,
    storyId: `story-${by}-${kind}`,
    admiralty: { reliability, credibility: 2 },
    at,
    urls: [`https://example.org/${by}`],
    summary: `${by}: ${kind}`,
  };
}

const denials = [
  answer('denial', 'apple', '2018-10-04T15:00:00Z', 'B'),
  answer('denial', 'amazon', '2018-10-04T15:30:00Z', 'B'),
  answer('denial', 'supermicro', '2018-10-04T16:00:00Z', 'D'),
  answer('denial', 'uk-ncsc', '2018-10-05T10:00:00Z', 'A'),
  answer('denial', 'us-dhs', '2018-10-06T10:00:00Z', 'A'),
];
const audit = answer('audit_clear', 'nardello', '2018-12-11T12:00:00Z', 'B');
const answered: SharedFactor = [...denials, audit].reduce(answerClaim, allegation);

function forGlobex(claim: SharedFactor): Factor {
  return bindSharedFactor(claim, {
    factorId: claim.id,
    customerId: 'globex',
    exposure: 0.25,
    vendorExposure: 1,
  });
}

describe('the Big Hack story', () => {
  it('rates the Bloomberg allegation by its admiralty grade B2 from the MISP values', () => {
    expect(allegation.credibility).toBeCloseTo(0.75 * 0.75, 12);
  });

  it('lowers trust in Super Micro for its customer more than the customer overall', () => {
    const factors = [forGlobex(allegation)];
    const vendor = scoreAt(factors, '2018-10-04T10:00:00Z', policy, supermicro);
    const overall = scoreAt(factors, '2018-10-04T10:00:00Z', policy);
    expect(vendor).toBeLessThan(80);
    expect(overall).toBeLessThan(policy.baseline);
    expect(overall).toBeGreaterThan(vendor);
  });

  it('leaves a customer without Super Micro servers untouched', () => {
    const other = bindSharedFactor(allegation, {
      factorId: allegation.id,
      customerId: 'initech',
      exposure: 0,
      vendorExposure: 0,
    });
    expect(scoreAt([other], '2018-10-04T10:00:00Z', policy)).toBe(policy.baseline);
  });

  it('raises the score again after each denial and further after the audit', () => {
    const factors = [forGlobex(answered)];
    const afterReport = scoreAt(factors, '2018-10-04T14:00:00Z', policy, supermicro);
    const afterDenials = scoreAt(factors, '2018-10-07T00:00:00Z', policy, supermicro);
    const afterAudit = scoreAt(factors, '2018-12-11T13:00:00Z', policy, supermicro);
    const beforeAudit = scoreAt(factors, '2018-12-11T11:00:00Z', policy, supermicro);
    expect(afterDenials).toBeGreaterThan(afterReport);
    expect(afterAudit - beforeAudit).toBeGreaterThan(1);
  });

  it('keeps the claim, its evidence and its earlier credibility after the answers', () => {
    expect(answered.evidence).toEqual(allegation.evidence);
    expect(answered.reassessments).toHaveLength(6);
    expect(credibilityAt(answered, '2018-10-04T10:00:00Z', policy)).toBe(allegation.credibility);
    expect(credibilityAt(answered, '2018-12-12T00:00:00Z', policy)).toBeLessThan(allegation.credibility / 2);
    expect(credibilityAt(answered, '2018-12-12T00:00:00Z', policy)).toBeGreaterThan(0);
  });

  it('counts a re-sent denial once', () => {
    const again = answerClaim(answered, denials[0] ?? audit);
    expect(again).toBe(answered);
  });

  it('ignores syndicated copies but raises credibility for independent outlets, up to the ceiling', () => {
    const syndicated = answerClaim(allegation, {
      ...answer('corroboration', 'yahoo-finance', '2018-10-05T00:00:00Z', 'B'),
      storyId: 'story-big-hack',
    });
    const t = '2018-10-06T00:00:00Z';
    expect(credibilityAt(syndicated, t, policy)).toBe(allegation.credibility);
    const outlets = Array.from({ length: 30 }, (_, i) => `outlet-${i}`);
    const corroborated = outlets.reduce(
      (claim, outlet) => answerClaim(claim, answer('corroboration', outlet, '2018-10-05T00:00:00Z', 'A')),
      allegation,
    );
    const one = answerClaim(allegation, answer('corroboration', 'reuters', '2018-10-05T00:00:00Z', 'A'));
    expect(credibilityAt(one, t, policy)).toBeGreaterThan(allegation.credibility);
    expect(credibilityAt(corroborated, t, policy)).toBeGreaterThan(credibilityAt(one, t, policy));
    expect(credibilityAt(corroborated, t, policy)).toBeLessThanOrEqual(policy.credibility.ceiling);
  });

  it('traces every point Super Micro lost to the allegation', () => {
    const explanation = explain([forGlobex(answered)], '2018-10-05T00:00:00Z', policy, supermicro);
    expect(explanation.factors).toHaveLength(1);
    expect(explanation.factors[0]?.factorId).toBe(allegation.id);
    expect(explanation.factors[0]?.points).toBeCloseTo(explanation.gap, 9);
  });

  it('summarises overall and per-vendor scores under the policy version', () => {
    const { summary, material } = summarize({
      customerId: 'globex',
      factors: [forGlobex(allegation)],
      at: '2018-10-04T10:00:00Z',
      policy,
      vendorIds: ['dell'],
    });
    expect(summary.vendors.map((v) => v.vendorId)).toEqual(['dell', 'supermicro']);
    expect(summary.vendors[0]?.score).toBe(policy.baseline);
    expect(summary.vendors[1]?.band).toBe('watch');
    expect(summary.policyVersion).toBe(policy.version);
    expect(material).toBe(true);
  });
});
