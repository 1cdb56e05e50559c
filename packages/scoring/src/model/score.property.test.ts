import { readFileSync } from 'node:fs';
import {
  FACTOR_KINDS,
  REASSESSMENT_KINDS,
  factorId,
  reassessmentId,
  type Factor,
  type Reassessment,
} from '@trustwatch/schemas';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../policy/parse-policy.js';
import { credibilityAt } from './credibility.js';
import { explain } from './explain.js';
import { scoreAt } from './score.js';
import { summarize } from './summary.js';
import { nextCrossingAt } from './next-crossing.js';
import { factorWeight, type ScoreScope } from './weight.js';

const policy = parsePolicy(
  readFileSync(new URL('../../policy/default.policy.yaml', import.meta.url), 'utf8'),
);
const T0 = Date.parse('2018-01-01T00:00:00Z');
const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const unit = fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000);
const VENDORS = ['supermicro', 'dell', 'hpe'] as const;

const reassessmentArb = fc
  .record({
    kind: fc.constantFrom(...REASSESSMENT_KINDS),
    by: fc.constantFrom('apple', 'amazon', 'ncsc', 'reuters', 'auditor'),
    story: fc.option(fc.constantFrom('s1', 's2', 's3'), { nil: undefined }),
    hours: fc.integer({ min: 0, max: 24 * 400 }),
    reliability: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'),
  })
  .map((r): Reassessment => ({
    // Ids are derived from the answer's content, as `reassessmentId` is in production.
    id: reassessmentId('f', r.kind, r.by, `${r.story ?? 'none'}/${r.hours}/${r.reliability}`),
    kind: r.kind,
    at: iso(T0 + r.hours * HOUR),
    by: r.by,
    ...(r.story === undefined ? {} : { storyId: r.story }),
    admiralty: { reliability: r.reliability, credibility: 3 },
    eventIds: ['e'],
    urls: [],
    summary: 'answer',
  }));

const factorArb = fc
  .record({
    kind: fc.constantFrom(...FACTOR_KINDS),
    vendor: fc.constantFrom(...VENDORS),
    customerWide: fc.boolean(),
    severity: unit,
    credibility: unit,
    exposure: unit,
    vendorExposure: unit,
    hours: fc.integer({ min: 0, max: 24 * 365 }),
    resolvedAfter: fc.option(fc.integer({ min: 0, max: 24 * 365 }), { nil: undefined }),
    reassessments: fc.array(reassessmentArb, { maxLength: 4 }),
  })
  .map((f): Factor => {
    const occurredAt = T0 + f.hours * HOUR;
    return {
      // Derived from the whole content, as production ids are derived from the evidence.
      id: factorId(f.kind, 'acme', JSON.stringify(f)),
      kind: f.kind,
      scope: f.customerWide
        ? { level: 'customer' }
        : { level: 'entity', entity: { kind: 'vendor', id: f.vendor }, vendorId: f.vendor },
      severity: f.severity,
      credibility: f.credibility,
      occurredAt: iso(occurredAt),
      halfLifeHours: policy.kinds[f.kind].halfLifeHours,
      ...(f.resolvedAfter === undefined
        ? { status: 'active' as const }
        : { status: 'resolved' as const, resolvedAt: iso(occurredAt + f.resolvedAfter * HOUR) }),
      evidence: { eventIds: ['e'], urls: [], outlets: ['bloomberg'], storyId: 's0' },
      reassessments: f.reassessments,
      summary: 'factor',
      origin: 'customer',
      customerId: 'acme',
      exposure: f.exposure,
      vendorExposure: f.vendorExposure,
    };
  });

const factorsArb = fc.array(factorArb, { maxLength: 12 });
const instantArb = fc.integer({ min: 0, max: 24 * 800 }).map((h) => T0 + h * HOUR);
const scopeArb = fc.constantFrom<ScoreScope>(
  { level: 'overall' },
  ...VENDORS.map((vendorId) => ({ level: 'vendor' as const, vendorId })),
);

// Strong, fading factors: customers that enter a band and later leave it, which scheduling is about.
const heavyDecayingArb = fc.array(factorArb, { minLength: 1, maxLength: 6 }).map((fs) =>
  fs.map((f): Factor => ({
    ...f,
    kind: policy.kinds[f.kind].halfLifeHours === null ? 'news_allegation' : f.kind,
    severity: Math.max(f.severity, 0.8),
    credibility: Math.max(f.credibility, 0.8),
    exposure: 1,
    vendorExposure: 1,
  })),
);

/** The factors as they were known at `t`: nothing later, no later answer, no later resolution. */
function asKnownAt(factors: readonly Factor[], t: number): Factor[] {
  return factors
    .filter((f) => Date.parse(f.occurredAt) <= t)
    .map((f) => {
      const { resolvedAt, ...rest } = f;
      const reassessments = f.reassessments.filter((r) => Date.parse(r.at) <= t);
      return resolvedAt !== undefined && Date.parse(resolvedAt) <= t
        ? { ...rest, reassessments, status: 'resolved' as const, resolvedAt }
        : { ...rest, reassessments, status: 'active' as const };
    });
}

describe('trust score properties', () => {
  it('does not depend on the order factors arrived in', () => {
    const permuted = factorsArb.chain((fs) =>
      fc.tuple(fc.constant(fs), fc.shuffledSubarray(fs, { minLength: fs.length, maxLength: fs.length })),
    );
    fc.assert(
      fc.property(permuted, instantArb, scopeArb, ([fs, shuffled], t, scope) => {
        expect(scoreAt(shuffled, t, policy, scope)).toBe(scoreAt(fs, t, policy, scope));
      }),
    );
  });

  it("does not depend on the order a claim's answers were stored in", () => {
    const withShuffledAnswers = factorArb.chain((f) =>
      fc.tuple(
        fc.constant(f),
        fc.shuffledSubarray(f.reassessments, {
          minLength: f.reassessments.length,
          maxLength: f.reassessments.length,
        }),
      ),
    );
    fc.assert(
      fc.property(withShuffledAnswers, instantArb, ([f, answers], t) => {
        expect(credibilityAt({ ...f, reassessments: answers }, t, policy)).toBe(credibilityAt(f, t, policy));
      }),
    );
  });

  it('counts a factor applied twice once', () => {
    fc.assert(
      fc.property(factorsArb, instantArb, scopeArb, (fs, t, scope) => {
        expect(scoreAt([...fs, ...fs], t, policy, scope)).toBe(scoreAt(fs, t, policy, scope));
      }),
    );
  });

  it('stays between zero and the baseline', () => {
    fc.assert(
      fc.property(factorsArb, instantArb, scopeArb, (fs, t, scope) => {
        const score = scoreAt(fs, t, policy, scope);
        expect(score).toBeGreaterThan(0);
        expect(score).toBeLessThanOrEqual(policy.baseline);
      }),
    );
  });

  it('never rises when a factor gets more severe, more credible or touches more of the fleet', () => {
    const field = fc.constantFrom('severity', 'credibility', 'exposure', 'vendorExposure');
    fc.assert(
      fc.property(factorsArb, factorArb, field, unit, instantArb, scopeArb, (fs, f, key, extra, t, scope) => {
        const raised = { ...f, [key]: Math.min(1, f[key] + extra) };
        const before = scoreAt([...fs, f], t, policy, scope);
        const after = scoreAt([...fs, raised], t, policy, scope);
        expect(after).toBeLessThanOrEqual(before + 1e-9);
      }),
    );
  });

  it('never increases a factor weight as time passes after it occurred without new evidence', () => {
    fc.assert(
      fc.property(
        factorArb,
        instantArb,
        fc.integer({ min: 0, max: 24 * 400 }),
        scopeArb,
        (f, at, later, scope) => {
          const t = Math.max(at, Date.parse(f.occurredAt));
          const known = { ...f, reassessments: f.reassessments.filter((r) => Date.parse(r.at) <= t) };
          const now = factorWeight(known, t, policy, scope);
          expect(factorWeight(known, t + later * HOUR, policy, scope)).toBeLessThanOrEqual(now);
        },
      ),
    );
  });

  it('attributes every point of the gap to the baseline to the factors behind it', () => {
    fc.assert(
      fc.property(factorsArb, instantArb, scopeArb, (fs, t, scope) => {
        const explanation = explain(fs, t, policy, scope);
        const total = explanation.factors.reduce((sum, a) => sum + a.points, 0);
        expect(explanation.score).toBe(scoreAt(fs, t, policy, scope));
        expect(explanation.gap).toBeCloseTo(policy.baseline - explanation.score, 9);
        expect(Math.abs(total - explanation.gap)).toBeLessThan(1e-9);
        for (const a of explanation.factors) expect(a.points).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('reproduces the score at any past instant from what was known then', () => {
    fc.assert(
      fc.property(factorsArb, instantArb, scopeArb, (fs, t, scope) => {
        expect(scoreAt(fs, t, policy, scope)).toBe(scoreAt(asKnownAt(fs, t), t, policy, scope));
      }),
    );
  });

  it('decays back to the baseline once every factor has faded or been resolved', () => {
    fc.assert(
      fc.property(factorsArb, (fs) => {
        const fading = fs.filter(
          (f) => policy.kinds[f.kind].halfLifeHours !== null || f.resolvedAt !== undefined,
        );
        const farFuture = T0 + 24 * 365 * 300 * HOUR;
        expect(scoreAt(fading, farFuture, policy)).toBeCloseTo(policy.baseline, 6);
      }),
    );
  });

  it('summarises to exactly the scores computed one scope at a time', () => {
    fc.assert(
      fc.property(factorsArb, instantArb, (fs, t) => {
        const { summary } = summarize({
          customerId: 'acme',
          factors: fs,
          at: iso(t),
          policy,
          vendorIds: VENDORS,
        });
        expect(summary.overall.score).toBe(scoreAt(fs, t, policy));
        for (const vendor of summary.vendors) {
          expect(vendor.score).toBe(scoreAt(fs, t, policy, { level: 'vendor', vendorId: vendor.vendorId }));
        }
      }),
    );
  });

  it('schedules re-evaluation exactly at the first second a band is left by decay', () => {
    let scheduled = 0;
    fc.assert(
      fc.property(heavyDecayingArb, instantArb, (fs, t) => {
        const known = asKnownAt(fs, t);
        const { summary } = summarize({
          customerId: 'acme',
          factors: known,
          at: iso(t),
          policy,
          vendorIds: VENDORS,
        });
        const next = nextCrossingAt(known, summary, policy);
        if (next === null) return;
        scheduled += 1;
        const at = Date.parse(next);
        const previous = summary;
        const then = summarize({ customerId: 'acme', factors: known, at: next, policy, previous });
        const justBefore = summarize({
          customerId: 'acme',
          factors: known,
          at: iso(at - 1000),
          policy,
          previous,
        });
        expect(at).toBeGreaterThan(t);
        expect(then.crossings.some((c) => c.direction === 'up')).toBe(true);
        expect(justBefore.crossings).toEqual([]);
      }),
      { numRuns: 60 },
    );
    // The property must have met real schedules, not only customers with nothing to wait for.
    expect(scheduled).toBeGreaterThan(0);
  });
});
