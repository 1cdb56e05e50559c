import type { EntityCatalog } from '@trustwatch/entities';
import { createCatalogLookup, detectChanges, parseCatalogJson } from '@trustwatch/ingest-firmware';
import {
  COMPONENT_KINDS,
  createEvent,
  firmwareObservedSchema,
  type TrustwatchEvent,
  type FirmwareObserved,
} from '@trustwatch/schemas';
import type { Asset } from '@trustwatch/store';
import { CliError } from '../errors.js';
import { demoText, type SnapshotStep } from './demo-files.js';

const SOURCE = 'trustwatch://demo/ingest-firmware';

function kindOf(kind: string): FirmwareObserved['components'][number]['kind'] {
  return COMPONENT_KINDS.find((k) => k === kind) ?? 'other';
}

function hashOf(text: string | undefined): { algorithm: string; value: string } | undefined {
  const [algorithm, value] = text?.split(':') ?? [];
  return algorithm === undefined || value === undefined ? undefined : { algorithm, value };
}

/** An asset of a fleet file as the inventory collector would have seen it at `observedAt`. */
function baseline(customerId: string, asset: Asset, vendor: string, observedAt: string): FirmwareObserved {
  return firmwareObservedSchema.parse({
    customerId,
    assetId: asset.id,
    vendor,
    model: asset.model,
    observedAt,
    source: { kind: 'agent', collector: 'trustwatch-demo' },
    components: asset.components.map((c) => {
      const hash = hashOf(c.hashes[0]);
      return {
        id: c.id,
        kind: kindOf(c.kind),
        version: c.version,
        slot: 'active',
        ...(hash ? { hash } : {}),
      };
    }),
  });
}

/**
 * Turns the timeline's inventory snapshots into what the firmware ingester publishes: each snapshot as
 * `firmware.observed`, and the changes `detectChanges` finds against the asset's previous snapshot (the
 * fleet file at first) as `firmware.changed`, judged against the demo's known-good catalog.
 */
export function createFirmwareReader(
  fleets: ReadonlyMap<string, readonly Asset[]>,
  catalog: EntityCatalog,
  fleetTime: string,
): (step: SnapshotStep) => TrustwatchEvent[] {
  const knownGood = createCatalogLookup(parseCatalogJson(demoText('firmware-catalog.json')));
  const last = new Map<string, FirmwareObserved>();
  return (step) => {
    const asset = fleets.get(step.customerId)?.find((a) => a.id === step.assetId);
    if (asset === undefined) {
      throw new CliError(
        'DEMO_DATA_INVALID',
        `timeline.json observes ${step.customerId}/${step.assetId}, which no fleet file lists`,
        'restore demo-data from the repository',
      );
    }
    const vendor = catalog.get(asset.vendor)?.name ?? asset.vendor;
    const key = `${step.customerId}/${step.assetId}`;
    const previous = last.get(key) ?? baseline(step.customerId, asset, vendor, fleetTime);
    const current = firmwareObservedSchema.parse({
      ...previous,
      observedAt: step.observedAt,
      components: step.components.map((c) => ({ ...c, kind: kindOf(c.kind), slot: 'active' })),
    });
    last.set(key, current);
    const snapshotId = `obs-${step.assetId}-${step.observedAt}`;
    const observed = createEvent({
      type: 'com.trustwatch.firmware.observed.v1',
      source: SOURCE,
      id: snapshotId,
      time: step.observedAt,
      data: current,
    });
    const changes = detectChanges({ previous, current, snapshotId, catalog: knownGood }).map((data) =>
      createEvent({
        type: 'com.trustwatch.firmware.changed.v1',
        source: SOURCE,
        id: `${snapshotId}-${data.component.id}`,
        time: step.observedAt,
        data,
      }),
    );
    return [observed, ...changes];
  };
}
