import type { EntityCatalog } from '@trustwatch/entities';
import { normaliseName } from '@trustwatch/entities';
import { stableId, type SupplierSource } from '@trustwatch/schemas';

/**
 * One "who makes what where" fact, from a BOM component or a registry row, with names already resolved
 * through the entity catalog and the country normalised. `country` is absent when the source does not
 * say; such a fact still counts for added/removed but never for a relocation.
 */
export interface SupplierFact {
  readonly vendorId: string;
  readonly vendorName: string;
  readonly supplierId: string;
  readonly supplierName: string;
  readonly componentCategory: string;
  readonly country?: string;
  readonly facility?: string;
  /** When the fact became true, if the source says (registry rows); else the snapshot's date applies. */
  readonly effectiveDate?: string;
  readonly sourceUrl?: string;
}

/** Everything one file says, validated as a whole: a snapshot is applied completely or not at all. */
export interface FactSnapshot {
  readonly file: string;
  readonly facts: readonly SupplierFact[];
  /** The snapshot's own date (`YYYY-MM-DD`): used for removals and for facts without a date. */
  readonly effectiveDate: string;
  readonly source: SupplierSource;
}

/** An organisation named in a file, as Trustwatch refers to it. */
export interface NamedOrganisation {
  readonly id: string;
  readonly name: string;
}

/**
 * Resolves a name through the catalog. A name the catalog does not know still gets a stable id,
 * `<kind>:unlisted-<slug>` (or a hash for names without Latin letters), so its changes are tracked;
 * adding it to the catalog later gives it its canonical id.
 */
export function nameOrganisation(
  catalog: EntityCatalog,
  name: string,
  kind: 'vendor' | 'supplier',
): NamedOrganisation {
  const entity = catalog.resolve(name);
  if (entity !== undefined) return { id: entity.id, name: entity.name };
  const key = normaliseName(name);
  const slug = /^[a-z0-9 ]+$/.test(key) ? key.replaceAll(' ', '-') : stableId('name', key);
  return { id: `${kind}:unlisted-${slug}`.slice(0, 200), name: name.trim().slice(0, 200) };
}

/** `"Mother Board"` -> `"mother-board"`: the lower-case, hyphenated form used as componentCategory. */
export function normaliseCategory(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}
