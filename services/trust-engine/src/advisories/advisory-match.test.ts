import type { AdvisoryPublished } from '@trustwatch/schemas';
import type { ComponentEntry } from '@trustwatch/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { isVersionAffected, type CveAffectedProduct, type Policy } from '@trustwatch/scoring';
import fc from 'fast-check';
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
      advisories: [{ advisory, eventId: 'e1' }],
      at: '2025-02-04T08:00:00Z',
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

  it('opens the same factor whichever of the advisory and the observation is handled second', () => {
    const fleet = [
      entry('X12DPG-OA6', 'bmc', '1.04.16', ['a']),
      entry('R750', 'idrac', '7.0', ['b'], 'dell'),
    ];
    const filed = { advisory, eventId: 'advisory-event' };
    const common = { customerId: 'acme', advisories: [filed], components: fleet, existing: [], policy };
    // The advisory's own path evaluates at its publication; an observation at the snapshot's time.
    const [byAdvisory] = reconcileAdvisories({ ...common, at: advisory.published });
    const [byObservation] = reconcileAdvisories({ ...common, at: '2025-03-02T00:00:00.000Z' });
    expect(byObservation).toEqual(byAdvisory);
    expect(byAdvisory).toMatchObject({
      occurredAt: new Date(Date.parse(advisory.published)).toISOString(),
      evidence: { eventIds: ['advisory-event'] },
    });
  });

  it('never resolves a factor before it occurred (an upgrade observed before the advisory, handled after it)', () => {
    const filed = { advisory, eventId: 'advisory-event' };
    const common = { customerId: 'acme', advisories: [filed], policy };
    const [opened] = reconcileAdvisories({
      ...common,
      at: advisory.published,
      components: [entry('X12DPG-OA6', 'bmc', '1.04.16', ['a'])],
      existing: [],
    });
    if (opened === undefined) throw new Error('no factor');
    const [resolved] = reconcileAdvisories({
      ...common,
      at: '2025-01-10T00:00:00.000Z',
      components: [entry('X12DPG-OA6', 'bmc', '1.04.18', ['a'])],
      existing: [opened],
    });
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: opened.occurredAt });
  });
});

/** An affected product as the version matcher takes it: absent fields left out, not undefined. */
function asCveProduct(p: AdvisoryPublished['affected'][number]): CveAffectedProduct {
  const type = p.versionType === undefined ? {} : { versionType: p.versionType };
  return {
    versions: p.versions.map((v) => ({
      version: v.version,
      status: v.status,
      ...(v.lessThan === undefined ? {} : { lessThan: v.lessThan }),
      ...(v.lessThanOrEqual === undefined ? {} : { lessThanOrEqual: v.lessThanOrEqual }),
      ...type,
    })),
    ...(p.defaultStatus === undefined ? {} : { defaultStatus: p.defaultStatus }),
  };
}

describe('indexed advisory matching', () => {
  // The rule the index must keep: every fleet entry tested against every affected product.
  function matchEveryPair(advisory: AdvisoryPublished, components: readonly ComponentEntry[]) {
    const key = (name: string) => name.trim().toLowerCase().replace(/^mbd-/, '');
    const named = components.flatMap((c) => {
      const products = advisory.affected.filter(
        (p) =>
          [p.vendorId.toLowerCase(), p.vendorName.toLowerCase()].includes(c.vendor.toLowerCase()) &&
          key(p.product) === key(c.model) &&
          c.component.toLowerCase().startsWith(p.versionType?.toLowerCase() ?? ''),
      );
      return products.length === 0 ? [] : [{ c, products }];
    });
    return named;
  }

  it('finds exactly the entries that testing every component against every product finds', () => {
    const base = cveAdvisory().data;
    const models = ['X12DPG-OA6', 'MBD-X12DPG-OA6', 'x12dpg-oa6 ', 'X11SPM-F', 'R750'];
    const vendors = ['supermicro', 'Supermicro', 'dell'];
    const components = fc.array(
      fc.record({
        vendor: fc.constantFrom(...vendors),
        model: fc.constantFrom(...models),
        component: fc.constantFrom('bmc', 'BMC', 'bios'),
        version: fc.constantFrom('1.04.16', '1.04.18', '01.03.18'),
        assetIds: fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 3 }),
      }),
      { maxLength: 12 },
    );
    const products = fc.array(
      fc.record({ vendorId: fc.constantFrom(...vendors), product: fc.constantFrom(...models) }),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(components, products, (fleet, named) => {
        const template = base.affected[0];
        if (template === undefined) throw new Error('the CVE fixture lists no product');
        const advisory = {
          ...base,
          affected: named.map((p) => ({ ...template, vendorId: p.vendorId, product: p.product })),
        };
        const expected = new Map<string, Set<string>>();
        for (const { c, products: ps } of matchEveryPair(advisory, fleet)) {
          if (!isVersionAffected(c.version, ps.map(asCveProduct))) continue;
          const at = `${c.model}/${c.component}`;
          expected.set(at, new Set([...(expected.get(at) ?? []), ...c.assetIds]));
        }
        const actual = matchAdvisory(advisory, fleet).map((m) => [m.component, [...m.assetIds].sort()]);
        const wanted = [...expected]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([at, ids]) => [at, [...ids].sort()]);
        expect(actual).toEqual(wanted);
      }),
      { numRuns: 300 },
    );
  });
});
