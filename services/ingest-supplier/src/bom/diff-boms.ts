import type { SupplierChanged } from '@trustwatch/schemas';
import { diffSnapshots } from '../diff-snapshots.js';
import { IngestSupplierError } from '../errors.js';
import type { BomSnapshot } from './parse-bom.js';

/**
 * Two BOMs describe the same product when they share a serial number (CycloneDX keeps it across
 * versions of one BOM) or, for tools that mint a new serial each time, the product component's bom-ref
 * under the same vendor.
 */
export function sameProduct(a: BomSnapshot, b: BomSnapshot): boolean {
  if (a.serialNumber !== undefined && a.serialNumber === b.serialNumber) return true;
  return a.productRef !== undefined && a.productRef === b.productRef && a.vendor.id === b.vendor.id;
}

/**
 * Supplier changes from one version of a product's BOM to the next. Throws `BOM_MISMATCH` when the two
 * describe different products, `DUPLICATE_SNAPSHOT` when `current` is the same BOM version again
 * (both name `current.file`).
 */
export function diffBoms(previous: BomSnapshot, current: BomSnapshot): SupplierChanged[] {
  if (!sameProduct(previous, current)) {
    throw new IngestSupplierError('BOM_MISMATCH', `describes another product than ${previous.file}`, {
      file: current.file,
      path: '/serialNumber',
    });
  }
  if (previous.serialNumber === current.serialNumber && previous.version === current.version) {
    throw new IngestSupplierError(
      'DUPLICATE_SNAPSHOT',
      `repeats version ${current.version} of ${previous.file}`,
      {
        file: current.file,
        path: '/version',
      },
    );
  }
  return diffSnapshots(previous, current);
}
