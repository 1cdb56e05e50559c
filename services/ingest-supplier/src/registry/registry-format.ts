import { z } from 'zod';

/**
 * The supplier registry snapshot format: what an operator or a data provider exports, one row per
 * (vendor, supplier, component category, country). Successive snapshots are diffed into
 * `supplier.changed` events. JSON uses the camelCase names, CSV the snake_case header names.
 */
export const REGISTRY_FIELDS = [
  { json: 'vendor', csv: 'vendor', required: true },
  { json: 'supplier', csv: 'supplier', required: true },
  { json: 'componentCategory', csv: 'component_category', required: true },
  { json: 'facility', csv: 'facility', required: false },
  { json: 'country', csv: 'country', required: true },
  { json: 'effectiveDate', csv: 'effective_date', required: true },
  { json: 'sourceUrl', csv: 'source_url', required: false },
] as const;

/** One row as written in the file; names and countries are resolved afterwards. */
export const registryRowSchema = z.strictObject({
  /** The vendor that buys (`Super Micro Computer, Inc.`); resolved through the entity catalog. */
  vendor: z.string().trim().max(200),
  /** The supplier that makes the component; resolved through the entity catalog. */
  supplier: z.string().trim().max(200),
  /** What it makes for the vendor (`motherboard`), normalised to lower-case-hyphenated. */
  componentCategory: z.string().trim().min(1).max(64),
  /** Plant or site (`Kaohsiung`), free text. */
  facility: z.string().trim().min(1).max(200).optional(),
  /** Country name or ISO code of the facility; must normalise to ISO 3166-1 alpha-2. */
  country: z.string().trim().min(1).max(100),
  /** When the row became true, `YYYY-MM-DD`. */
  effectiveDate: z.iso.date(),
  /** Where the fact was published; http(s) only. */
  sourceUrl: z.httpUrl().max(2048).optional(),
});
export type RegistryRow = z.infer<typeof registryRowSchema>;

/** A JSON snapshot: `{ "asOf": "2018-06-30", "entries": [ ...rows ] }`. */
export const registryDocumentSchema = z.strictObject({
  /** The day the snapshot describes; snapshots are ordered by it and two with one date are duplicates. */
  asOf: z.iso.date(),
  entries: z.array(z.unknown()).max(100_000),
});
