import type { TrustwatchEvent } from '@trustwatch/schemas';

/** A short label of an input event's kind (`news`, `firmware`, ...) for the timeline's left column. */
export function inputKind(event: TrustwatchEvent): string {
  return event.type.replace(/^com\.trustwatch\./, '').split('.')[0] ?? event.type;
}

/** One line saying what an input event is about. */
export function describeEvent(event: TrustwatchEvent): string {
  switch (event.type) {
    case 'com.trustwatch.news.classified.v1':
      return `${event.data.outlets[0]?.name ?? 'news'}: ${event.data.title}`;
    case 'com.trustwatch.news.published.v1':
      return `${event.data.outlet}: ${event.data.title}`;
    case 'com.trustwatch.advisory.published.v1':
      return `${event.data.advisoryId}: ${event.data.title}`;
    case 'com.trustwatch.firmware.changed.v1': {
      const d = event.data;
      return `${d.customerId}/${d.assetId} ${d.component.id} ${d.change.replaceAll('_', ' ')} (${d.before?.version ?? '-'} -> ${d.after?.version ?? '-'})`;
    }
    case 'com.trustwatch.firmware.observed.v1':
      return `${event.data.customerId}/${event.data.assetId} inventory snapshot`;
    case 'com.trustwatch.supplier.changed.v1': {
      const d = event.data;
      const where = d.change === 'relocated' ? ` ${d.fromCountry ?? '?'} -> ${d.toCountry ?? '?'}` : '';
      return `${d.supplierName} ${d.change}${where} for ${d.vendorName} (${d.componentCategory})`;
    }
    case 'com.trustwatch.trust.changed.v1':
      return `trust of ${event.data.customerId} changed`;
    case 'com.trustwatch.fleet.changed.v1': {
      const d = event.data;
      return `${d.customerId} fleet re-imported (+${d.added} -${d.removed} ~${d.changed} assets)`;
    }
    case 'com.trustwatch.alert.v1':
      return `alert ${event.id}`;
  }
}
