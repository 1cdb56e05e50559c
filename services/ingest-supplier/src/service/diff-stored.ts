import type { SupplierChanged } from '@trustwatch/schemas';
import { diffBoms } from '../bom/diff-boms.js';
import { IngestSupplierError } from '../errors.js';
import { diffRegistry } from '../registry/diff-registry.js';
import type { StoredSnapshot } from './snapshot-state.js';

/**
 * The changes from the stored snapshot of a product or feed to a new one; none for the first (the
 * baseline). Throws `STALE_SNAPSHOT` when the new one is older than the stored one (a late or re-dropped
 * file must not replay the past as news), `DUPLICATE_SNAPSHOT` when it is the same version or day, and
 * `BOM_MISMATCH` when a key collides with another product.
 */
export function diffStored(previous: StoredSnapshot | undefined, current: StoredSnapshot): SupplierChanged[] {
  if (previous === undefined) return [];
  if (previous.kind === 'bom' && current.kind === 'bom') {
    const before = previous.snapshot;
    const now = current.snapshot;
    // One serial number: versions order them. A tool minting new serials: only the BOM date can.
    const older =
      before.serialNumber !== undefined && before.serialNumber === now.serialNumber
        ? now.version < before.version
        : now.effectiveDate < before.effectiveDate;
    if (older) stale(now.file, '/version', `older than ${before.file}, already applied`);
    return diffBoms(before, now);
  }
  if (previous.kind === 'registry' && current.kind === 'registry') {
    const before = previous.snapshot;
    const now = current.snapshot;
    if (now.asOf < before.asOf) {
      stale(now.file, '', `describes ${now.asOf}, before ${before.asOf} of ${before.file}, already applied`);
    }
    return diffRegistry(before, now);
  }
  // Keys carry their kind (`bom:`, `registry:`), so this is a state that was written by something else.
  throw new IngestSupplierError(
    'STATE_INVALID',
    `stored snapshot is a ${previous.kind}, not a ${current.kind}`,
    {
      file: current.snapshot.file,
    },
  );
}

function stale(file: string, path: string, message: string): never {
  throw new IngestSupplierError('STALE_SNAPSHOT', message, { file, path });
}
