import { describe, expect, it } from 'vitest';
import { createEvent, decodeEvent } from '../registry/registry.js';
import { SchemaError } from '../errors.js';
import {
  alertSchema,
  bindSharedFactor,
  factorId,
  factorSchema,
  reassessmentId,
  scoreSummarySchema,
  sharedFactorSchema,
  type SharedFactor,
  type TrustChanged,
} from './index.js';

const shared: SharedFactor = {
  id: factorId('news_allegation', null, 'story-big-hack'),
  kind: 'news_allegation',
  scope: { level: 'entity', entity: { kind: 'vendor', id: 'supermicro' }, vendorId: 'supermicro' },
  severity: 1,
  credibility: 0.5625,
  occurredAt: '2018-10-04T09:00:00Z',
  halfLifeHours: 2160,
  status: 'active',
  evidence: {
    eventIds: ['news-1'],
    urls: ['https://www.bloomberg.com/news/features/2018-10-04/the-big-hack'],
    outlets: ['bloomberg'],
    storyId: 'story-big-hack',
    admiralty: { reliability: 'B', credibility: 2 },
  },
  reassessments: [],
  summary: 'Bloomberg alleges implanted chips on Super Micro motherboards',
};

describe('trust shapes', () => {
  it('accepts a shared vendor claim and binds it to one customer exposure', () => {
    expect(sharedFactorSchema.parse(shared)).toEqual(shared);
    const bound = bindSharedFactor(shared, {
      factorId: shared.id,
      customerId: 'globex',
      exposure: 0.25,
      vendorExposure: 1,
    });
    expect(factorSchema.parse(bound)).toMatchObject({
      origin: 'shared',
      customerId: 'globex',
      exposure: 0.25,
    });
  });

  it('refuses a shared factor about the customer as a whole, since it has no customer', () => {
    expect(sharedFactorSchema.safeParse({ ...shared, scope: { level: 'customer' } }).success).toBe(false);
  });

  it('refuses a resolved factor without a resolution time and one resolved before it occurred', () => {
    expect(sharedFactorSchema.safeParse({ ...shared, status: 'resolved' }).success).toBe(false);
    expect(
      sharedFactorSchema.safeParse({ ...shared, status: 'resolved', resolvedAt: '2018-10-01T00:00:00Z' })
        .success,
    ).toBe(false);
    expect(
      sharedFactorSchema.safeParse({ ...shared, status: 'resolved', resolvedAt: '2018-12-11T00:00:00Z' })
        .success,
    ).toBe(true);
  });

  it('refuses unknown keys and non-http evidence links', () => {
    expect(sharedFactorSchema.safeParse({ ...shared, extra: 1 }).success).toBe(false);
    const evidence = { ...shared.evidence, urls: ['javascript:alert(1)'] };
    expect(sharedFactorSchema.safeParse({ ...shared, evidence }).success).toBe(false);
  });

  it('gives the same evidence the same factor id and different owners different ids', () => {
    expect(factorId('news_allegation', null, 'story-1')).toBe(factorId('news_allegation', null, 'story-1'));
    expect(factorId('news_allegation', null, 'story-1')).not.toBe(
      factorId('news_allegation', 'acme', 'story-1'),
    );
    expect(factorId('news_allegation', null, 'story-1')).not.toBe(
      factorId('news_compromise', null, 'story-1'),
    );
    expect(reassessmentId('f', 'denial', 'apple', 'e1')).not.toBe(
      reassessmentId('f', 'denial', 'amazon', 'e1'),
    );
  });

  it('accepts a score summary with per-vendor bands', () => {
    const summary = {
      customerId: 'globex',
      at: '2018-10-05T00:00:00Z',
      overall: { score: 71.5, band: 'watch' },
      vendors: [{ vendorId: 'supermicro', score: 43.75, band: 'warning', factorCount: 1 }],
      factorCount: 1,
      policyVersion: '2026.11.1',
    };
    expect(scoreSummarySchema.parse(summary)).toEqual(summary);
    expect(scoreSummarySchema.safeParse({ ...summary, overall: { score: 101, band: null } }).success).toBe(
      false,
    );
  });

  it('builds a trust.changed event keyed by customer id and decodes it back', () => {
    const data: TrustChanged = {
      customerId: 'globex',
      at: '2018-10-05T00:00:00Z',
      overall: { before: 100, after: 71.5 },
      vendors: [{ vendorId: 'supermicro', before: 100, after: 43.75 }],
      factors: [
        {
          id: shared.id,
          kind: 'news_allegation',
          change: 'added',
          vendorId: 'supermicro',
          summary: shared.summary,
          contribution: 28.5,
        },
      ],
      omittedFactorCount: 0,
      crossings: [{ threshold: 'watch', value: 80, direction: 'down', scope: { level: 'overall' } }],
      evidence: [
        { url: 'https://www.bloomberg.com/news/features/2018-10-04/the-big-hack', outlet: 'bloomberg' },
      ],
      policyVersion: '2026.11.1',
      causeEventIds: ['news-1'],
    };
    const event = createEvent({
      type: 'com.trustwatch.trust.changed.v1',
      source: 'trustwatch://trust-engine',
      id: 'tc-1',
      time: data.at,
      data,
    });
    expect(event.partitionkey).toBe('globex');
    expect(decodeEvent(event).data).toEqual(data);
  });

  it('keys an alert by its customer label and refuses a malformed fingerprint', () => {
    const alert = {
      labels: {
        customer: 'globex',
        vendor: 'supermicro',
        rule: 'vendor-below-warning',
        severity: 'warning' as const,
      },
      fingerprint: 'a1b2c3d4e5f60718',
      status: 'firing' as const,
      startsAt: '2018-10-05T00:00:00Z',
      summary: 'Trust in Super Micro for Globex fell below 60',
      score: { before: 100, after: 43.75 },
      factors: [],
      evidence: [],
      dashboardUrl: 'https://trustwatch.example/customers/globex',
    };
    const event = createEvent({
      type: 'com.trustwatch.alert.v1',
      source: 'trustwatch://alerter',
      id: 'al-1',
      time: alert.startsAt,
      data: alert,
    });
    expect(event.partitionkey).toBe('globex');
    expect(alertSchema.safeParse({ ...alert, fingerprint: 'XYZ' }).success).toBe(false);
    expect(() =>
      createEvent({
        type: 'com.trustwatch.alert.v1',
        source: 'trustwatch://alerter',
        id: 'al-2',
        time: alert.startsAt,
        data: { ...alert, status: 'open' as never },
      }),
    ).toThrow(SchemaError);
  });
});
