import {
  createEvent,
  stableId,
  type EventOf,
  type FirmwareChanged,
  type FirmwareObserved,
} from '@trustwatch/schemas';

/** CloudEvents `source` of what this service publishes. */
export const INGEST_FIRMWARE_SOURCE = 'trustwatch://ingest-firmware';

export type ObservedEvent = EventOf<'com.trustwatch.firmware.observed.v1'>;
export type ChangedEvent = EventOf<'com.trustwatch.firmware.changed.v1'>;

/**
 * A snapshot as a `firmware.observed` event. The id is derived from asset, instant and collector, so
 * a snapshot re-published after a crash keeps its id and is deduplicated downstream.
 */
export function observedEvent(snapshot: FirmwareObserved): ObservedEvent {
  return createEvent({
    type: 'com.trustwatch.firmware.observed.v1',
    source: `${INGEST_FIRMWARE_SOURCE}/${snapshot.source.kind}`,
    id: stableId(
      'fwobs',
      snapshot.customerId,
      snapshot.assetId,
      snapshot.observedAt,
      snapshot.source.collector,
    ),
    time: snapshot.observedAt,
    subject: snapshot.assetId,
    data: snapshot,
  });
}

/** A detected change as a `firmware.changed` event; the id is stable per snapshot and component. */
export function changedEvent(change: FirmwareChanged): ChangedEvent {
  return createEvent({
    type: 'com.trustwatch.firmware.changed.v1',
    source: INGEST_FIRMWARE_SOURCE,
    id: stableId('fwchg', change.snapshotId, change.component.id),
    time: change.observedAt,
    subject: change.assetId,
    data: change,
  });
}
