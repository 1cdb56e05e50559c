import type { AdvisoryPublished, SharedFactor } from '@trustwatch/schemas';

/**
 * The vendor keys an advisory is filed under: each affected product's vendor id and vendor name, lower
 * case. A fleet names vendors as its BOM does (`Supermicro`, `SMCI`), an advisory by id and CNA name;
 * the engine's matcher accepts either, so lookups must find it under either.
 */
export function advisoryVendorKeys(advisory: AdvisoryPublished): string[] {
  const keys = advisory.affected.flatMap((p) => [p.vendorId.toLowerCase(), p.vendorName.toLowerCase()]);
  return [...new Set(keys)].sort();
}

/**
 * Whether a stored shared factor is filed under the vendor: a newer version may have moved it to
 * another vendor (or off vendors), and the vendor's index then holds a stale entry.
 */
export function attributedTo(factor: SharedFactor, vendorId: string): boolean {
  return factor.scope.level === 'entity' && factor.scope.vendorId === vendorId;
}
