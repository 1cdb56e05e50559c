import { readFileSync } from 'node:fs';
import {
  bindSharedFactor,
  factorSchema,
  scoreSummarySchema,
  sharedFactorSchema,
  thresholdCrossingSchema,
} from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { summarize } from '../model/summary.js';
import { parsePolicy } from '../policy/parse-policy.js';
import { advisoryFactor } from './advisory.js';
import { firmwareFactors } from './firmware.js';
import { resolveFactor } from './lifecycle.js';
import { answerClaim, newsClaimFactor } from './news.js';
import { supplierFactors } from './supplier.js';

const policy = parsePolicy(
  readFileSync(new URL('../../policy/default.policy.yaml', import.meta.url), 'utf8'),
);

const claim = answerClaim(
  newsClaimFactor(
    {
      eventId: 'n1',
      storyId: 'story-1',
      kind: 'news_malicious_firmware',
      vendorId: 'supermicro',
      outlets: ['the-information'],
      urls: ['https://example.org/story'],
      occurredAt: '2016-02-01T00:00:00Z',
      summary: 'Malicious firmware served from the vendor support site',
    },
    policy,
  ),
  {
    eventId: 'n2',
    kind: 'denial',
    by: 'supermicro',
    at: '2016-02-02T00:00:00Z',
    urls: [],
    summary: 'Vendor denies',
  },
);
const [relocation] = supplierFactors(
  {
    eventId: 's1',
    supplierId: 'ose',
    vendorIds: ['supermicro'],
    change: 'relocated',
    fromCountry: 'TW',
    toCountry: 'CN',
    occurredAt: '2016-03-01T00:00:00Z',
    summary: 'Production moved',
  },
  policy,
);
const firmware = firmwareFactors(
  {
    eventId: 'f1',
    customerId: 'acme',
    assetId: 'srv-1',
    vendorId: 'supermicro',
    component: 'bios',
    occurredAt: '2016-04-01T00:00:00Z',
    change: { fromVersion: '3.4', toVersion: '3.1', minimumSupportedVersion: '3.2', slot: 'backup' },
    exposure: 0.5,
    vendorExposure: 1,
  },
  policy,
);
const advisory = advisoryFactor(
  {
    eventId: 'a1',
    advisoryId: 'CVE-2019-16649',
    customerId: 'acme',
    vendorId: 'supermicro',
    component: 'X11/bmc',
    occurredAt: '2019-09-03T00:00:00Z',
    exposure: 0.3,
    vendorExposure: 0.6,
    urls: [],
    summary: 'USBAnywhere',
  },
  policy,
);

describe('what the model builds matches the shared trust shapes', () => {
  it('builds valid shared factors and binds them into valid customer factors', () => {
    for (const shared of [claim, relocation]) {
      expect(sharedFactorSchema.safeParse(shared).error).toBeUndefined();
      const bound =
        shared &&
        bindSharedFactor(shared, { factorId: shared.id, customerId: 'acme', exposure: 1, vendorExposure: 1 });
      expect(factorSchema.safeParse(bound).error).toBeUndefined();
    }
  });

  it('builds valid customer factors, resolved ones included', () => {
    expect(firmware.length).toBeGreaterThan(1);
    for (const factor of [
      ...firmware,
      advisory,
      advisory && resolveFactor(advisory, '2019-10-01T00:00:00Z'),
    ]) {
      expect(factorSchema.safeParse(factor).error).toBeUndefined();
    }
  });

  it('summarises into a valid score summary with valid crossings', () => {
    const bound =
      relocation &&
      bindSharedFactor(relocation, {
        factorId: relocation.id,
        customerId: 'acme',
        exposure: 1,
        vendorExposure: 1,
      });
    const factors = [...firmware, ...(advisory ? [advisory] : []), ...(bound ? [bound] : [])];
    const { summary, crossings } = summarize({
      customerId: 'acme',
      factors,
      at: '2019-09-04T00:00:00Z',
      policy,
    });
    expect(scoreSummarySchema.safeParse(summary).error).toBeUndefined();
    expect(crossings.length).toBeGreaterThan(0);
    for (const crossing of crossings)
      expect(thresholdCrossingSchema.safeParse(crossing).error).toBeUndefined();
  });
});
