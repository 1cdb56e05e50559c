import type { EntityCatalog } from '@trustwatch/entities';
import { parseBom } from '../bom/parse-bom.js';
import { IngestSupplierError } from '../errors.js';
import { parseRegistryFile, type InputFile } from '../run-files.js';
import { fileKey, inputKind, registryFeed } from './input-kind.js';
import { bomKeys, registryKey, type StoredSnapshot } from './snapshot-state.js';

/** One input file, parsed whole, with where its predecessor is stored. */
export type ParsedInput = StoredSnapshot & {
  /** Keys of its product or feed in the snapshot state. */
  readonly keys: readonly string[];
  /** This version of this file (see `fileKey`). */
  readonly fileKey: string;
};

export interface ParseInputOptions {
  readonly catalog: EntityCatalog;
  /** `YYYY-MM-DD` for BOMs without `metadata.timestamp`: the day the file was read. */
  readonly fallbackDate: string;
  /** The vendor of every BOM, when the operator knows it better than the BOMs say. */
  readonly bomVendor?: string;
}

/**
 * Parses a BOM or registry snapshot (see `inputKind`). Throws `IngestSupplierError` naming the file and
 * the path inside it; nothing of a failing file is returned.
 */
export function parseInput(file: InputFile, options: ParseInputOptions): ParsedInput {
  const key = fileKey(file);
  if (inputKind(file) === 'registry') {
    const snapshot = parseRegistryFile(file, options.catalog);
    return { kind: 'registry', snapshot, keys: [registryKey(registryFeed(file.name))], fileKey: key };
  }
  const snapshot = parseBom(file.text, {
    file: file.name,
    catalog: options.catalog,
    fallbackDate: options.fallbackDate,
    ...(options.bomVendor === undefined ? {} : { vendor: options.bomVendor }),
  });
  const keys = bomKeys(snapshot);
  if (keys.length === 0) {
    // parseBom already refuses a BOM with neither; kept so a key-less product can never share state.
    throw new IngestSupplierError('PRODUCT_UNIDENTIFIED', 'neither serialNumber nor product bom-ref', {
      file: file.name,
      path: '/serialNumber',
    });
  }
  return { kind: 'bom', snapshot, keys, fileKey: key };
}

/** Apply order: BOMs by version, then every snapshot by its day, then by file name. */
export function compareInputs(a: ParsedInput, b: ParsedInput): number {
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  const byVersion = a.kind === 'bom' && b.kind === 'bom' ? a.snapshot.version - b.snapshot.version : 0;
  return (
    byVersion ||
    a.snapshot.effectiveDate.localeCompare(b.snapshot.effectiveDate) ||
    a.snapshot.file.localeCompare(b.snapshot.file)
  );
}
