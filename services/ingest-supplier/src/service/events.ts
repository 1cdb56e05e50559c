import { createEvent, stableId, type EventOf, type SupplierChanged } from '@trustwatch/schemas';

/** A `supplier.changed` event as this service publishes it. */
export type SupplierChangedEvent = EventOf<'com.trustwatch.supplier.changed.v1'>;

/** CloudEvents `source` of the events this service publishes, per kind of input. */
export function eventSource(kind: SupplierChanged['source']['kind']): string {
  return `trustwatch://ingest-supplier/${kind}`;
}

/**
 * Wraps one change in its CloudEvent (keyed by vendor id through the event definition). The id is
 * derived from the change and the snapshot it came from, so re-publishing after a crash between
 * publish and saving state yields the same id and consumers deduplicate it.
 */
export function supplierChangedEvent(data: SupplierChanged): SupplierChangedEvent {
  return createEvent({
    type: 'com.trustwatch.supplier.changed.v1',
    source: eventSource(data.source.kind),
    id: stableId(
      'supplier',
      data.source.kind,
      data.source.reference ?? '',
      data.vendorId,
      data.supplierId,
      data.componentCategory,
      data.change,
      data.fromCountry ?? '',
      data.toCountry ?? '',
      data.effectiveDate,
    ),
    // The day the change took effect, as the event's occurrence time.
    time: `${data.effectiveDate}T00:00:00Z`,
    subject: data.supplierId,
    data,
  });
}
