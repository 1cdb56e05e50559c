import type { AdvisoryPublished } from '@trustwatch/schemas';

/**
 * The vendor keys an advisory is filed under: each affected product's vendor id and vendor name, lower
 * case. A fleet names vendors as its BOM does (`Supermicro`, `SMCI`), an advisory by id and CNA name;
 * the engine's matcher accepts either, so lookups must find it under either.
 */
export function advisoryVendorKeys(advisory: AdvisoryPublished): string[] {
  const keys = advisory.affected.flatMap((p) => [p.vendorId.toLowerCase(), p.vendorName.toLowerCase()]);
  return [...new Set(keys)].sort();
}
