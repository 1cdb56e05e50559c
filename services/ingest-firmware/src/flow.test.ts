import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMemoryTrustStore, type TrustStore } from '@trustwatch/store';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, startTestBmc, type Routes, type TestBmc } from './test-support/bmc-server.js';
import {
  DMTF_BMC_MEMBER,
  dmtfHistoryRoutes,
  dmtfRoutes,
  endpointFor,
  fixture,
  routeMapRoutes,
  supermicroX12Routes,
} from './test-support/bmcs.js';
import { startHarness, waitFor, type IngestHarness } from './test-support/ingest-harness.js';
import { importCatalogFile } from './service/store-catalog.js';
import { startPushServer } from './push/push-server.js';

let bmc: TestBmc | undefined;
let harness: IngestHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  await bmc?.close();
  harness = undefined;
  bmc = undefined;
});

/** Starts a test BMC and the ingest polling it, and takes the baseline poll. */
async function baseline(routes: Routes, store?: TrustStore): Promise<IngestHarness> {
  bmc = await startTestBmc(routes);
  harness = await startHarness([endpointFor('bmc-1', bmc.baseUrl)], store === undefined ? {} : { store });
  await harness.pollAndSettle();
  return harness;
}

/** Changes the BMC's answers, polls again and returns the changes the second snapshot produced. */
async function pollAfter(changes: Routes) {
  if (bmc === undefined || harness === undefined) throw new Error('baseline first');
  Object.assign(bmc.routes, changes);
  const before = harness.changes.length;
  await harness.pollAndSettle();
  // firmware.changed is published before the snapshot counts as handled, but read by another group.
  const h = harness;
  await waitFor('changes read back', () => h.changes.length >= h.ingest.metrics().changes);
  return harness.changes.slice(before).map((change) => change.data);
}

describe('firmware ingest on the memory bus and store', () => {
  it('publishes a snapshot per poll, treats the first as a baseline and reports a later BMC upgrade', async () => {
    const h = await baseline(dmtfRoutes());
    expect(h.ingest.metrics()).toMatchObject({ published: 1, baselines: 1, changes: 0 });
    expect(h.changes).toEqual([]);
    const changes = await pollAfter({ [DMTF_BMC_MEMBER]: fixture('dmtf-bmc-upgrade.json') });
    expect(changes).toEqual([
      expect.objectContaining({
        customerId: 'cust-test',
        assetId: 'asset-bmc-1',
        vendor: 'Contoso',
        component: { id: 'BMC', kind: 'bmc', slot: 'active' },
        change: 'upgrade',
        before: expect.objectContaining({ version: '1.45.455b66-rev4' }) as unknown,
        after: expect.objectContaining({ version: '1.46.512c01-rev1' }) as unknown,
        knownGood: 'unknown',
      }),
    ]);
  });

  it('leaves the exposure index to the trust engine, its single writer', async () => {
    const h = await baseline(dmtfRoutes());
    await pollAfter({ [DMTF_BMC_MEMBER]: fixture('dmtf-bmc-upgrade.json') });
    expect(await h.store.getFleet('cust-test')).toEqual([]);
  });

  it.each([
    ['dmtf-bmc-downgrade-below-minimum.json', dmtfRoutes, DMTF_BMC_MEMBER, 'downgrade_below_minimum'],
    [
      'dmtf-bmc-measured-swapped.json',
      () => ({ ...dmtfRoutes(), [DMTF_BMC_MEMBER]: fixture('dmtf-bmc-measured.json') }),
      DMTF_BMC_MEMBER,
      'image_swapped',
    ],
  ] as const)('reports %s as %s through the whole flow', async (file, routes, member, kind) => {
    await baseline(routes());
    const changes = await pollAfter({ [member]: fixture(file) });
    expect(changes.map((c) => [c.component.id, c.change])).toEqual([['BMC', kind]]);
  });

  it('reports a changed Golden image of a Supermicro BMC as a backup image change', async () => {
    await baseline(supermicroX12Routes());
    const changes = await pollAfter(routeMapRoutes(join(FIXTURES, 'supermicro-x12-golden-bmc-changed.json')));
    expect(changes.map((c) => [c.component.id, c.component.slot, c.change])).toEqual([
      ['Golden_BMC', 'golden', 'backup_image_changed'],
    ]);
  });

  it('raises nothing when only the Redfish schema of the same firmware moved from 2020 to 2023', async () => {
    const h = await baseline(dmtfHistoryRoutes('dd41c34'));
    const changes = await pollAfter(dmtfHistoryRoutes('b022e34'));
    expect(changes).toEqual([]);
    expect(h.ingest.metrics()).toMatchObject({ compared: 1, changes: 0 });
  });

  it('flags an upgrade to a build the imported known-good catalog does not list', async () => {
    const store = createMemoryTrustStore();
    expect(await importCatalogFile(store, join(FIXTURES, 'known-good-contoso.json'))).toBe(2);
    await baseline(dmtfRoutes(), store);
    const changes = await pollAfter({ [DMTF_BMC_MEMBER]: fixture('dmtf-bmc-upgrade.json') });
    expect(changes.map((c) => [c.component.id, c.change, c.knownGood])).toEqual([
      ['BMC', 'unknown_build', 'no'],
    ]);
  });

  it('marks an upgrade to a build the CSV catalog lists as known good', async () => {
    const store = createMemoryTrustStore();
    expect(await importCatalogFile(store, join(FIXTURES, 'known-good-contoso.csv'))).toBe(2);
    await baseline(dmtfRoutes(), store);
    const changes = await pollAfter({ [DMTF_BMC_MEMBER]: fixture('dmtf-bmc-upgrade.json') });
    expect(changes.map((c) => [c.component.id, c.change, c.knownGood])).toEqual([['BMC', 'upgrade', 'yes']]);
  });

  it('gives each change a stable event id and points it at the snapshot that revealed it', async () => {
    const h = await baseline(dmtfRoutes());
    await pollAfter({ [DMTF_BMC_MEMBER]: fixture('dmtf-bmc-upgrade.json') });
    const [change] = h.changes;
    expect(change?.id).toMatch(/^fwchg_[0-9a-f]{32}$/);
    expect(change?.data.snapshotId).toMatch(/^fwobs_[0-9a-f]{32}$/);
  });

  it('re-reads a BMC when it pushes a firmware event and reports what the read found', async () => {
    const h = await baseline(dmtfRoutes());
    const push = await startPushServer({
      port: 0,
      eventContexts: new Map([['bmc-1', 'ctx-bmc-1']]),
      onTrigger: (bmcId) => h.ingest.trigger.trigger(bmcId),
      log: { info: () => undefined, warn: () => undefined },
    });
    try {
      if (bmc !== undefined) bmc.routes[DMTF_BMC_MEMBER] = fixture('dmtf-bmc-upgrade.json');
      const event = JSON.parse(
        readFileSync(join(FIXTURES, 'event-firmware-resource-changed.json'), 'utf8'),
      ) as object;
      const response = await fetch(`${push.url}/redfish/events/bmc-1`, {
        method: 'POST',
        body: JSON.stringify({ ...event, Context: 'ctx-bmc-1' }),
      });
      expect(response.status).toBe(204);
      await h.ingest.trigger.settled();
      await waitFor('the change', () => h.changes.length === 1);
      expect(h.changes[0]?.data.change).toBe('upgrade');
    } finally {
      await push.close();
    }
  });
});
