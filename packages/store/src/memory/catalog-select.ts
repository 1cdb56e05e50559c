import { ANY_MODEL, type PublishedFirmware } from '../port.js';

const text = (value: string | undefined): string => value ?? '';

/**
 * The port's rule for catalog reads, shared by both adapters (each reads one vendor's whole catalog):
 * builds of this model and component plus the vendor's any-model builds of it, ordered by version, then
 * model and SoftwareId so that equal versions come back in a stable order.
 */
export function selectPublished(
  entries: readonly PublishedFirmware[],
  model: string,
  component: string,
): PublishedFirmware[] {
  return entries
    .filter((e) => (e.model === model || e.model === ANY_MODEL) && e.component === component)
    .sort(
      (a, b) =>
        compare(a.version, b.version) ||
        compare(a.model, b.model) ||
        compare(text(a.softwareId), text(b.softwareId)),
    );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
