import { loadEntityCatalog, vendorIdResolver } from '@trustwatch/entities';
import {
  createEvent,
  decodeEvent,
  type FirmwareChanged,
  type NewsClassified,
  type SupplierChanged,
} from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import { createMemoryTrustStore } from '@trustwatch/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryAdvisoryCatalog } from '../advisories/advisory-catalog.js';
import { loadPolicy } from '../policy.js';
import { seedPortfolio } from '../test-support/direct.js';
import { planEvent } from './handle-event.js';
import type { PlanContext } from './context.js';

function supplierEvent(
  change: 'added' | 'removed',
  vendorId: string,
  category: string,
  sourceKind: 'registry' | 'direct' = 'registry',
) {
  const data: SupplierChanged = {
    vendorId,
    vendorName: vendorId,
    supplierId: 'wistron',
    supplierName: 'Wistron',
    componentCategory: category,
    change,
    ...(change === 'added' ? { toCountry: 'CN' } : {}),
    effectiveDate: '2019-01-01',
    source: { kind: sourceKind, uri: 'urn:supplier-registry:wistron' },
  };
  return decodeEvent(
    createEvent({
      type: 'com.trustwatch.supplier.changed.v1',
      source: 'trustwatch://test',
      id: `${change}-${vendorId}`,
      time: '2019-01-01T00:00:00Z',
      data,
    }),
  );
}

/** An unknown BMC build on `assetId` of customer `fleet-co`, which names `vendor` as the asset's. */
function unknownBuild(assetId: string, vendor: string) {
  const data: FirmwareChanged = {
    customerId: 'fleet-co',
    assetId,
    vendor,
    model: 'X12',
    component: { id: 'bmc', kind: 'bmc', slot: 'active' },
    change: 'unknown_build',
    after: { version: '1.0', hash: { algorithm: 'sha256', value: 'ab'.repeat(32) } },
    knownGood: 'no',
    observedAt: '2026-11-01T00:00:00Z',
    snapshotId: `snap-${assetId}`,
  };
  return decodeEvent(
    createEvent({
      type: 'com.trustwatch.firmware.changed.v1',
      source: 'trustwatch://test',
      id: `fw-${assetId}`,
      time: data.observedAt,
      data,
    }),
  );
}

function supplierClaim() {
  const url = 'https://news.example/ose-breach';
  const data: NewsClassified = {
    storyId: 'story-ose-breach',
    canonicalUrl: url,
    urls: [url],
    outlets: [{ name: 'Example Wire', url: 'https://news.example/', reliability: 'C' }],
    title: 'Breach reported at OSE',
    publishedAt: '2019-02-01T00:00:00Z',
    language: 'en',
    entities: [
      { entityId: 'ose', name: 'Orient Semiconductor Electronics', kind: 'supplier', role: 'subject' },
    ],
    claims: [
      {
        entityId: 'ose',
        kind: 'compromise',
        stance: 'asserts',
        sentence: 'Attackers reached the OSE build network.',
      },
    ],
    credibility: { reliability: 'C', credibility: 3, independentOutlets: 1 },
  };
  return decodeEvent(
    createEvent({
      type: 'com.trustwatch.news.classified.v1',
      source: 'trustwatch://test',
      id: data.storyId,
      time: data.publishedAt,
      data,
    }),
  );
}

describe('event planners', () => {
  let policy: Policy;
  const vendorIdOf = vendorIdResolver(loadEntityCatalog());
  beforeAll(async () => {
    policy = await loadPolicy();
  });
  const fresh = async (): Promise<PlanContext> => {
    const store = createMemoryTrustStore();
    await seedPortfolio(store);
    return { store, policy, advisories: createMemoryAdvisoryCatalog(), vendorIdOf };
  };

  it('rates a new supplier against the vendor that added it only, and records the link', async () => {
    const c = await fresh();
    const plan = await planEvent(supplierEvent('added', 'lenovo', 'power-supply-2'), c);
    expect(plan?.shared.map((f) => [f.kind, f.scope.level === 'entity' ? f.scope.vendorId : null])).toEqual([
      ['supplier_added', 'lenovo'],
    ]);
    expect(plan?.customers.map((p) => p.customerId)).toEqual(['umbrella']);
    // A URN is not a link anyone can follow: no evidence URL.
    expect(plan?.shared[0]?.evidence.urls).toEqual([]);
    expect((await c.store.vendorsOfSupplier('wistron', 'power-supply-2')).map((l) => l.vendorId)).toEqual([
      'lenovo',
    ]);
  });

  it('drops the supplier link when the vendor reports it stopped buying', async () => {
    const c = await fresh();
    await planEvent(supplierEvent('removed', 'dell', 'motherboard', 'direct'), c);
    expect(await c.store.vendorsOfSupplier('wistron', 'motherboard')).toEqual([]);
  });

  it('attributes a claim about a supplier to every vendor buying from it', async () => {
    const c = await fresh();
    const plan = await planEvent(supplierClaim(), c);
    expect(plan?.shared.map((f) => [f.kind, f.scope])).toEqual([
      [
        'news_compromise',
        { level: 'entity', entity: { kind: 'supplier', id: 'ose' }, vendorId: 'supermicro' },
      ],
    ]);
    expect(plan?.customers.map((p) => [p.customerId, p.exposures[0]?.exposure])).toEqual([
      ['acme', 0.5],
      ['globex', 0.1],
    ]);
  });

  it("weighs a firmware finding by its asset's share of the fleet and of its vendor's part", async () => {
    const c = await fresh();
    const board = (id: string, vendor: string) => ({ id, vendor, model: 'X12', components: [] });
    await c.store.replaceFleet(
      'fleet-co',
      [board('s1', 'vendor:supermicro'), board('s2', 'vendor:supermicro'), board('d1', 'vendor:dell')],
      1,
    );
    const exposures = async (assetId: string, vendor: string) =>
      (await planEvent(unknownBuild(assetId, vendor), c))?.customers[0]?.factors.map((f) =>
        f.scope.level === 'entity' ? [f.scope.vendorId, f.exposure, f.vendorExposure] : null,
      );
    // The fleet's vendor wins over the one the event names.
    expect(await exposures('s1', 'Dell Inc.')).toEqual([['vendor:supermicro', 1 / 3, 1 / 2]]);
    // An asset the fleet does not list yet counts as one more, of the vendor the event names (by its
    // catalog id, so it joins the fleet's Dell boards).
    expect(await exposures('new', 'Dell Inc.')).toEqual([['vendor:dell', 1 / 4, 1 / 2]]);
  });

  it('ignores the engine’s own output events', async () => {
    const c = await fresh();
    const change = createEvent({
      type: 'com.trustwatch.trust.changed.v1',
      source: 'trustwatch://trust-engine',
      id: 'tc-1',
      time: '2026-11-24T12:00:00Z',
      data: {
        customerId: 'acme',
        at: '2026-11-24T12:00:00Z',
        overall: { before: 100, after: 90 },
        vendors: [],
        factors: [],
        omittedFactorCount: 0,
        crossings: [],
        evidence: [],
        policyVersion: policy.version,
        causeEventIds: [],
      },
    });
    expect(planEvent(change, c)).toBeNull();
  });
});
