import {
  factorId,
  type Factor,
  type ScoreSummary,
  type SharedFactor,
  type TrustChanged,
} from '@trustwatch/schemas';

/** Test data builders: valid shapes with only the fields a test cares about varied. */
export const iso = (ms: number): string => new Date(ms).toISOString();

export function customerFactor(customerId: string, key: string, severity = 0.5, atMs = 0): Factor {
  return {
    id: factorId('firmware_unknown_build', customerId, key),
    kind: 'firmware_unknown_build',
    scope: { level: 'entity', entity: { kind: 'firmware', id: `bmc-${key}` }, vendorId: 'supermicro' },
    severity,
    credibility: 1,
    occurredAt: iso(atMs),
    halfLifeHours: null,
    status: 'active',
    evidence: { eventIds: [`evt-${key}`], urls: [], outlets: [] },
    reassessments: [],
    summary: `BMC ${key} runs an unpublished image`,
    origin: 'customer',
    customerId,
    exposure: 0.1,
    vendorExposure: 0.2,
  };
}

export function sharedNewsFactor(story: string, vendorId: string, credibility = 0.6, atMs = 0): SharedFactor {
  return {
    id: factorId('news_allegation', null, story),
    kind: 'news_allegation',
    scope: { level: 'entity', entity: { kind: 'vendor', id: vendorId }, vendorId },
    severity: 0.9,
    credibility,
    occurredAt: iso(atMs),
    halfLifeHours: 720,
    status: 'active',
    evidence: { eventIds: [`evt-${story}`], urls: ['https://news.example/story'], outlets: ['outlet-a'] },
    reassessments: [],
    summary: `Allegation about ${vendorId}`,
  };
}

export function summaryAt(customerId: string, atMs: number, score: number): ScoreSummary {
  return {
    customerId,
    at: iso(atMs),
    overall: { score, band: null },
    vendors: [{ vendorId: 'supermicro', score, band: null, factorCount: 1 }],
    factorCount: 1,
    policyVersion: '2026.11.1',
  };
}

export function changeAt(customerId: string, atMs: number, before: number, after: number): TrustChanged {
  return {
    customerId,
    at: iso(atMs),
    overall: { before, after },
    vendors: [],
    factors: [],
    omittedFactorCount: 0,
    crossings: [],
    evidence: [],
    policyVersion: '2026.11.1',
    causeEventIds: [`evt-${String(atMs)}`],
  };
}

/** A one-BMC inventory of one asset, observed at `atMs`. */
export function inventoryAt(customerId: string, assetId: string, atMs: number, bmcVersion: string) {
  return {
    snapshotId: `fwobs-${assetId}-${String(atMs)}`,
    snapshot: {
      customerId,
      assetId,
      vendor: 'Supermicro',
      model: 'X12DPi-N6',
      observedAt: iso(atMs),
      source: { kind: 'redfish' as const, collector: 'poller' },
      components: [
        {
          id: 'BMC',
          kind: 'bmc' as const,
          slot: 'active' as const,
          version: bmcVersion,
          softwareId: `bmc-${bmcVersion}`,
          lowestSupportedVersion: '01.00.00',
        },
      ],
    },
  };
}
