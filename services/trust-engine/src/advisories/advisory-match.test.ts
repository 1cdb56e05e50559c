import type { AdvisoryPublished } from '@trustwatch/schemas';
import type { ComponentEntry } from '@trustwatch/store';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '@trustwatch/scoring';
import { loadPolicy } from '../policy.js';
import { cveAdvisory } from '../test-support/events.js';
import { matchAdvisory, reconcileAdvisories } from './advisory-match.js';

const entry = (
  model: string,
  component: string,
  version: string,
  assetIds: string[],
  vendor = 'supermicro',
): ComponentEntry => ({
  vendor,
  model,
  component,
  version,
  assetIds,
});

describe('advisory matching', () => {
  let policy: Policy;
  let advisory: AdvisoryPublished;
  beforeAll(async () => {
    policy = await loadPolicy();
    advisory = cveAdvisory().data;
  });

  it('matches the real CVE-2024-10237 record to BMCs at 1.04.16 only, whether or not the model carries the retail prefix', () => {
    const matches = matchAdvisory(advisory, [
      entry('X12DPG-OA6', 'bmc', '1.04.16', ['a']),
      entry('MBD-X12DPG-OA6', 'BMC', '1.04.16', ['b']),
      entry('X12DPG-OA6', 'bmc', '1.04.18', ['c']),
      entry('X12DPG-OA6', 'bios', '1.04.16', ['d']),
      entry('X11SPM-F', 'bmc', '1.04.16', ['e']),
      entry('X12DPG-OA6', 'bmc', '1.04.16', ['f'], 'dell'),
    ]);
    expect(matches.map((m) => [m.component, [...m.assetIds].sort()])).toEqual([
      ['MBD-X12DPG-OA6/BMC', ['b']],
      ['X12DPG-OA6/bmc', ['a']],
    ]);
  });

  it('opens a factor exposed by the share of affected assets, and resolves it once none is affected', () => {
    const fleet = [
      entry('X12DPG-OA6', 'bmc', '1.04.16', ['a', 'b']),
      entry('R750', 'idrac', '7.0', ['c', 'd'], 'dell'),
    ];
    const input = {
      customerId: 'acme',
      advisories: [advisory],
      at: '2025-02-04T08:00:00Z',
      eventId: 'e1',
      policy,
    };
    const [opened] = reconcileAdvisories({ ...input, components: fleet, existing: [] });
    expect(opened).toMatchObject({
      kind: 'advisory_exposure',
      exposure: 0.5,
      vendorExposure: 1,
      status: 'active',
    });
    expect(opened?.severity).toBeCloseTo(0.72, 9);
    if (opened === undefined) throw new Error('no factor');
    const same = reconcileAdvisories({ ...input, components: fleet, existing: [opened] });
    expect(same).toEqual([]);
    const upgraded = [entry('X12DPG-OA6', 'bmc', '1.04.18', ['a', 'b']), fleet[1] as ComponentEntry];
    const [resolved] = reconcileAdvisories({
      ...input,
      at: '2025-03-01T00:00:00Z',
      components: upgraded,
      existing: [opened],
    });
    expect(resolved).toMatchObject({ id: opened.id, status: 'resolved', resolvedAt: '2025-03-01T00:00:00Z' });
    if (resolved === undefined) throw new Error('not resolved');
    expect(reconcileAdvisories({ ...input, components: fleet, existing: [resolved] })).toEqual([]);
  });
});
