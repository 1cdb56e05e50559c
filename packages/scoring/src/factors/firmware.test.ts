import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../policy/parse-policy.js';
import { classifyFirmwareChange, firmwareFactors, type FirmwareObservation } from './firmware.js';
import { advisoryFactor } from './advisory.js';
import { resolveFactor } from './lifecycle.js';
import { FIRMWARE_CHANGE_FACTOR_KINDS, newsClaimRole } from './input-kinds.js';
import { scoreAt } from '../model/score.js';

const policy = parsePolicy(
  readFileSync(new URL('../../policy/default.policy.yaml', import.meta.url), 'utf8'),
);
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

describe('classifyFirmwareChange', () => {
  it('sees nothing wrong in an upgrade to a published build', () => {
    expect(
      classifyFirmwareChange({
        fromVersion: '01.03.18',
        toVersion: '01.04.16',
        fromHash: HASH_A,
        toHash: HASH_B,
        hashPublished: true,
      }),
    ).toEqual([]);
  });

  it('flags an image whose hash no vendor published', () => {
    expect(
      classifyFirmwareChange({ fromVersion: '1.73.14', toVersion: '1.73.15', hashPublished: false }),
    ).toEqual(['firmware_unknown_build']);
  });

  it('flags a new hash under the same version as a swapped image', () => {
    expect(
      classifyFirmwareChange({
        fromVersion: '01.03.18',
        toVersion: '1.3.18',
        fromHash: HASH_A,
        toHash: HASH_B,
      }),
    ).toEqual(['firmware_image_swapped']);
  });

  it('tells a downgrade from a downgrade below the lowest supported version', () => {
    expect(classifyFirmwareChange({ fromVersion: '3.10.11', toVersion: '3.9.0' })).toEqual([
      'firmware_downgrade',
    ]);
    expect(
      classifyFirmwareChange({
        fromVersion: '3.10.11',
        toVersion: '3.9.0',
        minimumSupportedVersion: '3.10.0',
      }),
    ).toEqual(['firmware_downgrade_below_minimum']);
  });

  it('flags any change of a backup or golden image, and components appearing or vanishing', () => {
    expect(
      classifyFirmwareChange({ fromVersion: 'F20', toVersion: 'F21', slot: 'golden', hashPublished: true }),
    ).toEqual(['backup_image_changed']);
    expect(classifyFirmwareChange({ toVersion: '1.0' })).toEqual(['firmware_component_added']);
    expect(classifyFirmwareChange({ fromVersion: '1.0' })).toEqual(['firmware_component_removed']);
  });
});

const observation: FirmwareObservation = {
  eventId: 'fw-1',
  customerId: 'acme',
  assetId: 'srv-042',
  vendorId: 'supermicro',
  component: 'bmc',
  occurredAt: '2024-03-01T00:00:00Z',
  change: {
    fromVersion: '01.04.16',
    toVersion: '01.04.16',
    fromHash: HASH_A,
    toHash: HASH_B,
    hashPublished: false,
  },
  exposure: 0.01,
  vendorExposure: 0.02,
};

describe('firmwareFactors', () => {
  it('gives a re-sent observation the same factor id so it counts once', () => {
    const first = firmwareFactors(observation, policy);
    const again = firmwareFactors({ ...observation, eventId: 'fw-1-redelivered' }, policy);
    expect(first).toHaveLength(1);
    expect(again.map((f) => f.id)).toEqual(first.map((f) => f.id));
    expect(scoreAt([...first, ...again], '2024-03-02T00:00:00Z', policy)).toBe(
      scoreAt(first, '2024-03-02T00:00:00Z', policy),
    );
  });

  it('lowers trust for even one unknown image in a large fleet, through the exposure floor', () => {
    const score = scoreAt(firmwareFactors(observation, policy), '2024-03-02T00:00:00Z', policy);
    expect(score).toBeLessThan(policy.baseline - policy.exposureFloor * 50);
  });
});

describe('advisoryFactor', () => {
  const exposure = {
    eventId: 'adv-1',
    advisoryId: 'CVE-2024-10237',
    cvssBaseScore: 7.2,
    customerId: 'acme',
    vendorId: 'supermicro',
    component: 'MBD-X12DPG-OA6/bmc',
    occurredAt: '2025-01-14T00:00:00Z',
    exposure: 0.4,
    vendorExposure: 0.8,
    urls: ['https://www.supermicro.com/en/support/security_BMC_IPMI_Jan_2025'],
    summary: 'CVE-2024-10237 affects installed BMC firmware 01.04.16',
  };

  it('rates exposure by CVSS and lifts it when the fleet upgrades out of the range', () => {
    const factor = advisoryFactor(exposure, policy);
    expect(factor?.severity).toBeCloseTo(0.72, 12);
    const lowRisk = advisoryFactor({ ...exposure, cvssBaseScore: 3.1 }, policy);
    const t = '2025-02-01T00:00:00Z';
    expect(scoreAt(factor ? [factor] : [], t, policy)).toBeLessThan(
      scoreAt(lowRisk ? [lowRisk] : [], t, policy),
    );
    const resolved = factor === null ? [] : [resolveFactor(factor, '2025-01-20T00:00:00Z')];
    expect(scoreAt(resolved, t, policy)).toBe(policy.baseline);
    expect(scoreAt(resolved, '2025-01-19T00:00:00Z', policy)).toBe(
      scoreAt(factor ? [factor] : [], '2025-01-19T00:00:00Z', policy),
    );
  });

  it('produces no factor when no asset runs an affected version', () => {
    expect(advisoryFactor({ ...exposure, exposure: 0, vendorExposure: 0 }, policy)).toBeNull();
  });
});

describe('firmware.changed kinds', () => {
  it('maps every classified change kind but a plain upgrade to a factor kind', () => {
    const mapped = Object.entries(FIRMWARE_CHANGE_FACTOR_KINDS);
    expect(mapped.filter(([, kind]) => kind === null).map(([change]) => change)).toEqual(['upgrade']);
    const kind = FIRMWARE_CHANGE_FACTOR_KINDS.unknown_build;
    const factors = firmwareFactors({ ...observation, kinds: kind === null ? [] : [kind, kind] }, policy);
    expect(factors.map((f) => f.kind)).toEqual(['firmware_unknown_build']);
  });
});

describe('newsClaimRole', () => {
  it('turns allegations into claims and denials, retractions and audits into answers', () => {
    expect(newsClaimRole('backdoor_allegation', 'asserts')).toEqual({
      role: 'claim',
      kind: 'news_allegation',
    });
    expect(newsClaimRole('backdoor_allegation', 'denies', 'story-1')).toEqual({
      role: 'answer',
      kind: 'denial',
    });
    expect(newsClaimRole('backdoor_allegation', 'asserts', 'story-1')).toEqual({
      role: 'answer',
      kind: 'corroboration',
    });
    expect(newsClaimRole('audit_clearance', 'asserts', 'story-1')).toEqual({
      role: 'answer',
      kind: 'audit_clear',
    });
    expect(newsClaimRole('relocation', 'asserts')).toEqual({ role: 'none' });
  });

  it('ignores a negated answer, such as an outlet that has not retracted its story', () => {
    expect(newsClaimRole('retraction', 'denies', 'story-1')).toEqual({ role: 'none' });
    expect(newsClaimRole('denial', 'denies', 'story-1')).toEqual({ role: 'none' });
    expect(newsClaimRole('audit_clearance', 'denies', 'story-1')).toEqual({ role: 'none' });
  });
});
