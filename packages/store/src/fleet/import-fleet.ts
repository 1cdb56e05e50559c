import type { FleetChange, TrustStore } from '../port.js';
import { assetsFromCycloneDx } from './cyclonedx.js';
import { assetsFromSimpleCsv, assetsFromSimpleJson } from './simple-format.js';

/** A fleet file as received: a parsed CycloneDX JSON BOM, the simple JSON format, or the simple CSV. */
export type FleetSource =
  | { readonly format: 'cyclonedx'; readonly document: unknown }
  | { readonly format: 'json'; readonly document: unknown }
  | { readonly format: 'csv'; readonly text: string };

export interface ImportOptions {
  /**
   * The vendor id to file an asset under, given the vendor as the file names it (a BOM's manufacturer,
   * free text). News, advisories and supplier links name vendors by catalog id (`vendor:supermicro`);
   * a fleet filed under `Super Micro Computer, Inc.` would never be found by them. Default: as written.
   */
  readonly vendorIdOf?: (name: string) => string;
}

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
  options: ImportOptions = {},
): Promise<FleetChange> {
  const parsed =
    source.format === 'cyclonedx'
      ? assetsFromCycloneDx(source.document)
      : source.format === 'json'
        ? assetsFromSimpleJson(source.document)
        : assetsFromSimpleCsv(source.text);
  const { vendorIdOf } = options;
  const assets =
    vendorIdOf === undefined
      ? parsed
      : parsed.map((asset) => ({ ...asset, vendor: vendorIdOf(asset.vendor) }));
  return store.replaceFleet(customerId, assets, version);
}
