import type { FleetChange, TrustStore } from '../port.js';
import { assetsFromCycloneDx } from './cyclonedx.js';
import { assetsFromSimpleCsv, assetsFromSimpleJson } from './simple-format.js';

/** A fleet file as received: a parsed CycloneDX JSON BOM, the simple JSON format, or the simple CSV. */
export type FleetSource =
  | { readonly format: 'cyclonedx'; readonly document: unknown }
  | { readonly format: 'json'; readonly document: unknown }
  | { readonly format: 'csv'; readonly text: string };

/**
 * Parses and validates the whole file first, then replaces the customer's fleet in one atomic step:
 * an invalid file throws INVALID_FLEET (with the path) and leaves the stored fleet as it was. The
 * returned change tells the engine which assets and vendors to re-score.
 */
export async function importFleet(
  store: TrustStore,
  customerId: string,
  source: FleetSource,
  version: number,
): Promise<FleetChange> {
  const assets =
    source.format === 'cyclonedx'
      ? assetsFromCycloneDx(source.document)
      : source.format === 'json'
        ? assetsFromSimpleJson(source.document)
        : assetsFromSimpleCsv(source.text);
  return store.replaceFleet(customerId, assets, version);
}
