import type { SupplierChanged } from '@trustwatch/schemas';
import { diffSnapshots } from '../diff-snapshots.js';
import { IngestSupplierError } from '../errors.js';
import type { RegistrySnapshot } from './parse-registry.js';

/**
 * Supplier changes from one registry snapshot to a later one. Throws `DUPLICATE_SNAPSHOT` (naming
 * `current.file`) when both describe the same day: two versions of one day cannot both be true.
 */
export function diffRegistry(previous: RegistrySnapshot, current: RegistrySnapshot): SupplierChanged[] {
  if (current.asOf === previous.asOf) {
    throw new IngestSupplierError(
      'DUPLICATE_SNAPSHOT',
      `describes ${current.asOf} again, as ${previous.file} did`,
      {
        file: current.file,
        path: '/asOf',
      },
    );
  }
  return diffSnapshots(previous, current);
}
