import { compareFirmwareVersions } from '@trustwatch/scoring';
import {
  componentKindSchema,
  hashSchema,
  nameSchema,
  versionSchema,
  type ComponentKind,
  type ComponentState,
} from '@trustwatch/schemas';
import { z } from 'zod';

/**
 * One vendor-published firmware build. `model` and `componentId` narrow the entry; without them it
 * applies to every model of the vendor and every component of the kind.
 */
export const catalogEntrySchema = z.strictObject({
  vendor: nameSchema,
  model: nameSchema.optional(),
  component: componentKindSchema,
  componentId: z.string().trim().min(1).max(200).optional(),
  version: versionSchema,
  softwareId: z.string().trim().min(1).max(256).optional(),
  hash: hashSchema.optional(),
  /** Where the vendor published it (release notes, download page). */
  source: z.httpUrl().max(2048).optional(),
});
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;

export const catalogSchema = z.strictObject({
  entries: z.array(catalogEntrySchema).max(100_000),
});
export type Catalog = z.infer<typeof catalogSchema>;

/** What the change detector asks the catalog about the new state of a component. */
export interface CatalogQuery {
  readonly vendor: string;
  readonly model: string;
  readonly component: { readonly id: string; readonly kind: ComponentKind };
  readonly state: ComponentState;
}

/** `yes`: a published build; `no`: the catalog covers this component and this build is not in it; `unknown`: not covered. */
export type KnownGood = 'yes' | 'no' | 'unknown';
export type CatalogLookup = (query: CatalogQuery) => KnownGood;

const fold = (text: string): string => text.trim().toLowerCase();

/**
 * A lookup over catalog entries. A build matches an entry when the versions compare equal and every
 * identifier both sides carry (hash, SoftwareId) is the same; an identifier only one side has is not
 * held against the build, because Redfish BMCs rarely report image digests.
 */
export function createCatalogLookup(
  catalog: Catalog,
  /** How both sides name a vendor (default: case-folded): see the store catalog's `VendorKey`. */
  vendorKey: (name: string) => string = fold,
): CatalogLookup {
  const byVendorAndKind = new Map<string, CatalogEntry[]>();
  for (const entry of catalog.entries) {
    const key = `${vendorKey(entry.vendor)}\u0000${entry.component}`;
    const list = byVendorAndKind.get(key) ?? [];
    list.push(entry);
    byVendorAndKind.set(key, list);
  }
  return (query) => {
    const candidates = (
      byVendorAndKind.get(`${vendorKey(query.vendor)}\u0000${query.component.kind}`) ?? []
    ).filter(
      (entry) =>
        (entry.model === undefined || fold(entry.model) === fold(query.model)) &&
        (entry.componentId === undefined || fold(entry.componentId) === fold(query.component.id)),
    );
    if (candidates.length === 0) return 'unknown';
    return candidates.some((entry) => matches(entry, query.state)) ? 'yes' : 'no';
  };
}

function matches(entry: CatalogEntry, state: ComponentState): boolean {
  if (compareFirmwareVersions(entry.version, state.version) !== 0) return false;
  if (entry.hash !== undefined && state.hash !== undefined) {
    if (entry.hash.algorithm !== state.hash.algorithm) return false;
    if (fold(entry.hash.value) !== fold(state.hash.value)) return false;
  }
  if (
    entry.softwareId !== undefined &&
    state.softwareId !== undefined &&
    fold(entry.softwareId) !== fold(state.softwareId)
  ) {
    return false;
  }
  return true;
}
