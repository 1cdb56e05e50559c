import type { EntityCatalog } from '@trustwatch/entities';
import { diffRegistry, parseRegistryJson, type RegistrySnapshot } from '@trustwatch/ingest-supplier';
import { createEvent, stableId, type TrustwatchEvent } from '@trustwatch/schemas';
import type { SupplierLink } from '@trustwatch/store';
import { demoText } from './demo-files.js';

const SOURCE = 'trustwatch://demo/ingest-supplier';

/** The supplier registry the demo starts from, and a reader diffing each later snapshot against the last. */
export interface SupplierReader {
  /** Who supplies whom at the start: the links the store is seeded with. */
  readonly links: readonly SupplierLink[];
  /** The `supplier.changed` events from the last snapshot to this one (a file under demo-data). */
  next(file: string): TrustwatchEvent[];
}

/** Parses a registry snapshot with the supplier ingester's own parser. */
function snapshot(file: string, catalog: EntityCatalog): RegistrySnapshot {
  return parseRegistryJson(demoText(file), { file, catalog });
}

export function createSupplierReader(baselineFile: string, catalog: EntityCatalog): SupplierReader {
  let previous = snapshot(baselineFile, catalog);
  const links = previous.facts.map((f) => ({
    supplierId: f.supplierId,
    vendorId: f.vendorId,
    category: f.componentCategory,
  }));
  return {
    links,
    next(file) {
      const current = snapshot(file, catalog);
      const changes = diffRegistry(previous, current);
      previous = current;
      return changes.map((data) =>
        createEvent({
          type: 'com.trustwatch.supplier.changed.v1',
          source: SOURCE,
          id: stableId(
            'supplier',
            data.supplierId,
            data.vendorId,
            data.componentCategory,
            data.effectiveDate,
          ),
          time: `${data.effectiveDate}T00:00:00Z`,
          data,
        }),
      );
    },
  };
}
