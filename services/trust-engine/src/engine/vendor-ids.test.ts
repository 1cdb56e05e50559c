import { loadEntityCatalog, vendorIdResolver } from '@trustwatch/entities';
import type { CloudEvent } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import { createMemoryTrustStore } from '@trustwatch/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy.js';
import { directEngine } from '../test-support/direct.js';
import { bigHack, bmcObserved, cveAdvisory } from '../test-support/events.js';

// The fixtures' short vendor id, as the shipped catalog names it in production.
function withCatalogIds<T extends CloudEvent>(event: T): T {
  return JSON.parse(JSON.stringify(event).replaceAll('"supermicro"', '"vendor:supermicro"')) as T;
}

/** A board a collector reports under the manufacturer's legal name, in an advisory's affected range. */
function observedUnderLegalName(customerId: string, assetId: string, at: string) {
  const event = bmcObserved(customerId, assetId, '1.04.16', at);
  return { ...event, data: { ...event.data, vendor: 'Super Micro Computer, Inc.' } };
}

describe('vendors of observed boards, by catalog id', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy();
  });

  it('files a newly seen board under the catalog id, where news and advisories about the vendor find it', async () => {
    const store = createMemoryTrustStore();
    await store.replaceFleet(
      'kestrel',
      [
        {
          id: 'k-dell-1',
          vendor: 'vendor:dell',
          model: 'R650',
          components: [{ id: 'idrac', kind: 'bmc', version: '6.10', hashes: [] }],
        },
      ],
      Date.parse('2018-01-01T00:00:00Z'),
    );
    const engine = await directEngine(policy, store, vendorIdResolver(loadEntityCatalog()));
    await engine.feed(observedUnderLegalName('kestrel', 'k-smc-1', '2018-06-01T00:00:00Z'));
    expect((await store.getFleet('kestrel')).map((a) => [a.id, a.vendor])).toEqual([
      ['k-dell-1', 'vendor:dell'],
      ['k-smc-1', 'vendor:supermicro'],
    ]);

    // A claim about the vendor reaches the customer, weighted by the board's half of the fleet.
    await engine.feed(withCatalogIds(bigHack()));
    const claims = (await store.getFactors('kestrel')).filter((f) => f.kind === 'news_allegation');
    expect(claims.map((f) => [f.scope.level === 'entity' ? f.scope.vendorId : null, f.exposure])).toEqual([
      ['vendor:supermicro', 1 / 2],
    ]);

    // So does an advisory published after the board was seen.
    await engine.feed(withCatalogIds(cveAdvisory()));
    const advisories = (await store.getFactors('kestrel')).filter((f) => f.kind === 'advisory_exposure');
    expect(advisories.map((f) => [f.status, f.exposure])).toEqual([['active', 1 / 2]]);
  });
});
