import { firmwareChangedSchema, type FirmwareObserved } from '@trustwatch/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { RedfishClient } from '../redfish/client.js';
import { readInventory } from '../redfish/inventory.js';
import { startTestBmc, type Routes, type TestBmc } from '../test-support/bmc-server.js';
import {
  DMTF_BMC_MEMBER,
  dmtfHistoryRoutes,
  dmtfRoutes,
  endpointFor,
  fixture,
  routeMapRoutes,
  supermicroX12Routes,
} from '../test-support/bmcs.js';
import { FIXTURES } from '../test-support/bmc-server.js';
import { createCatalogLookup, type CatalogLookup } from './catalog.js';
import { detectChanges } from './detect-changes.js';

let bmc: TestBmc | undefined;
afterEach(async () => {
  await bmc?.close();
  bmc = undefined;
});

/** Polls a test BMC twice, swapping in `changes` between the polls, and diffs the two snapshots. */
async function pollTwice(routes: Routes, changes: Routes, catalog?: CatalogLookup) {
  bmc = await startTestBmc(routes);
  const client = new RedfishClient(endpointFor('bmc-1', bmc.baseUrl));
  const before = (await readInventory(client, () => new Date('2026-01-05T10:00:00Z'))).snapshot;
  Object.assign(bmc.routes, changes);
  const after = (await readInventory(client, () => new Date('2026-01-05T11:00:00Z'))).snapshot;
  const events = detectChanges({
    previous: before,
    current: after,
    snapshotId: 'evt-2',
    ...(catalog ? { catalog } : {}),
  });
  for (const event of events) expect(firmwareChangedSchema.parse(event)).toEqual(event);
  return { before, after, events };
}

async function snapshotOf(routes: Routes): Promise<FirmwareObserved> {
  const server = await startTestBmc(routes);
  try {
    return (await readInventory(new RedfishClient(endpointFor('bmc-1', server.baseUrl)), () => new Date(0)))
      .snapshot;
  } finally {
    await server.close();
  }
}

describe('detectChanges on snapshots read from a BMC', () => {
  it('treats the first sight of an asset as a baseline', async () => {
    const current = await snapshotOf(dmtfRoutes());
    expect(detectChanges({ previous: undefined, current, snapshotId: 'evt-1' })).toEqual([]);
  });

  it('reports a BMC upgrade with both versions', async () => {
    const { events } = await pollTwice(dmtfRoutes(), { [DMTF_BMC_MEMBER]: fixture('dmtf-bmc-upgrade.json') });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      component: { id: 'BMC', kind: 'bmc', slot: 'active' },
      change: 'upgrade',
      before: { version: '1.45.455b66-rev4' },
      after: { version: '1.46.512c01-rev1' },
      knownGood: 'unknown',
      observedAt: '2026-01-05T11:00:00.000Z',
      snapshotId: 'evt-2',
    });
  });

  it('reports a downgrade below the lowest supported version the BMC declared before', async () => {
    const { events } = await pollTwice(dmtfRoutes(), {
      [DMTF_BMC_MEMBER]: fixture('dmtf-bmc-downgrade-below-minimum.json'),
    });
    expect(events.map((event) => [event.component.id, event.change])).toEqual([
      ['BMC', 'downgrade_below_minimum'],
    ]);
  });

  it('reports an image swapped under the same version when its measured hash changes', async () => {
    const { events } = await pollTwice(
      { ...dmtfRoutes(), [DMTF_BMC_MEMBER]: fixture('dmtf-bmc-measured.json') },
      { [DMTF_BMC_MEMBER]: fixture('dmtf-bmc-measured-swapped.json') },
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.change).toBe('image_swapped');
    expect(events[0]?.before?.hash?.value).not.toBe(events[0]?.after?.hash?.value);
    expect(events[0]?.after?.version).toBe(events[0]?.before?.version);
  });

  it('reports a changed Golden BMC image as a backup image change', async () => {
    const { events } = await pollTwice(
      supermicroX12Routes(),
      routeMapRoutes(`${FIXTURES}/supermicro-x12-golden-bmc-changed.json`),
    );
    expect(events.map((event) => [event.component, event.change])).toEqual([
      [{ id: 'Golden_BMC', kind: 'bmc', slot: 'golden' }, 'backup_image_changed'],
    ]);
  });

  it('calls an upgrade to a build the catalog does not list an unknown build', async () => {
    const catalog = createCatalogLookup({
      entries: [{ vendor: 'Contoso', component: 'bmc', version: '1.45.455b66-rev4' }],
    });
    const { events } = await pollTwice(
      dmtfRoutes(),
      { [DMTF_BMC_MEMBER]: fixture('dmtf-bmc-upgrade.json') },
      catalog,
    );
    expect(events.map((event) => [event.change, event.knownGood])).toEqual([['unknown_build', 'no']]);
  });

  it('keeps an upgrade to a published build an upgrade, marked known good', async () => {
    const catalog = createCatalogLookup({
      entries: [{ vendor: 'contoso', model: '3500', component: 'bmc', version: '1.46.512c01-rev1' }],
    });
    const { events } = await pollTwice(
      dmtfRoutes(),
      { [DMTF_BMC_MEMBER]: fixture('dmtf-bmc-upgrade.json') },
      catalog,
    );
    expect(events.map((event) => [event.change, event.knownGood])).toEqual([['upgrade', 'yes']]);
  });
});

describe('schema drift', () => {
  it('raises nothing between the 2020 and 2023 DMTF copies of the same BMC and BIOS', async () => {
    const v2020 = await snapshotOf(dmtfHistoryRoutes('dd41c34'));
    const v2023 = await snapshotOf(dmtfHistoryRoutes('b022e34'));
    expect(v2020.components.map((c) => c.id)).toEqual(['BMC', 'SS', 'BIOS']);
    expect(detectChanges({ previous: v2020, current: v2023, snapshotId: 'evt-2' })).toEqual([]);
  });

  it('raises nothing between the 2023 copies and the current mockup', async () => {
    const v2023 = await snapshotOf(dmtfHistoryRoutes('b022e34'));
    const current = await snapshotOf(dmtfRoutes());
    expect(detectChanges({ previous: v2023, current, snapshotId: 'evt-2' })).toEqual([]);
  });
});
