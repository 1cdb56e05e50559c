import { createEvent, stableId, type EventOf } from '@trustwatch/schemas';
import type { FleetChange } from '../port.js';
import type { FleetSource } from './import-fleet.js';

/** The `fleet.changed` event an importer publishes after a fleet import. */
export type FleetChangedEvent = EventOf<'com.trustwatch.fleet.changed.v1'>;

export interface FleetChangedEventInput {
  /** The version the import was stored under (ms), as passed to `importFleet`. */
  readonly version: number;
  /** CloudEvents `source` of the importer, e.g. `trustwatch://api/fleet`. */
  readonly source: string;
  /** When the import happened (ms); the event time. */
  readonly at: number;
  readonly format?: FleetSource['format'];
}

/**
 * Builds the `fleet.changed` event of an import result, or null when there is nothing to announce:
 * the import was refused as older than the stored fleet. The id derives from the customer, the version
 * and what changed, so a retried publish of the same import is deduplicated by the engine while a
 * different import under the same version is not.
 */
export function fleetChangedEventOf(
  change: FleetChange,
  input: FleetChangedEventInput,
): FleetChangedEvent | null {
  if (!change.applied) return null;
  const sorted = (ids: readonly string[]) => [...ids].sort().join('\n');
  return createEvent({
    type: 'com.trustwatch.fleet.changed.v1',
    source: input.source,
    id: stableId(
      'fleet',
      change.customerId,
      input.version,
      sorted(change.added),
      sorted(change.removed),
      sorted(change.changed),
    ),
    time: new Date(input.at).toISOString(),
    subject: change.customerId,
    data: {
      customerId: change.customerId,
      fleetVersion: input.version,
      importedAt: new Date(input.at).toISOString(),
      ...(input.format === undefined ? {} : { format: input.format }),
      added: change.added.length,
      removed: change.removed.length,
      changed: change.changed.length,
      vendorsAffected: [...change.vendorsAffected].sort().slice(0, 1000),
    },
  });
}
