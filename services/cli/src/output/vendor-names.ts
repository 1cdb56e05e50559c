import { loadEntityCatalog, type EntityCatalog } from '@trustwatch/entities';
import type { VendorNames } from './render.js';

/** Display names from an entity catalog (the shipped one by default); an unknown id loses its `vendor:` prefix. */
export function vendorNames(catalog: EntityCatalog = loadEntityCatalog()): VendorNames {
  return (id) => catalog.get(id)?.name ?? id.replace(/^vendor:/, '');
}
