import type { EntityCatalog } from '@trustwatch/entities';
import type { SupplierChanged } from '@trustwatch/schemas';
import { diffBoms, sameProduct } from './bom/diff-boms.js';
import { parseBom, type BomSnapshot } from './bom/parse-bom.js';
import { IngestSupplierError } from './errors.js';
import { diffRegistry } from './registry/diff-registry.js';
import { parseRegistryCsv, parseRegistryJson, type RegistrySnapshot } from './registry/parse-registry.js';

/** A file's name (for errors and event references) and its text; reading it is the caller's job. */
export interface InputFile {
  readonly name: string;
  readonly text: string;
}

/** What a multi-file run produced: changes from the files that passed, one error per file that did not. */
export interface RunResult {
  readonly changes: readonly SupplierChanged[];
  readonly errors: readonly IngestSupplierError[];
}

/** Catches this service's errors into `errors`; anything else is a bug and propagates. */
function attempt<T>(errors: IngestSupplierError[], work: () => T): T | undefined {
  try {
    return work();
  } catch (error) {
    if (error instanceof IngestSupplierError) {
      errors.push(error);
      return undefined;
    }
    throw error;
  }
}

/**
 * Successive BOMs of one or more products: each file is parsed on its own (a bad file is reported and
 * left out, nothing of it applied), files are grouped by product, ordered by BOM version, and each
 * version is diffed against the last good one before it. The first version of a product is the baseline.
 */
export function runBomFiles(
  files: readonly InputFile[],
  options: { catalog: EntityCatalog; fallbackDate: string; vendor?: string },
): RunResult {
  const errors: IngestSupplierError[] = [];
  const snapshots = files
    .map((input) => attempt(errors, () => parseBom(input.text, { ...options, file: input.name })))
    .filter((snapshot): snapshot is BomSnapshot => snapshot !== undefined)
    .sort((a, b) => a.version - b.version || a.file.localeCompare(b.file));
  const latest: BomSnapshot[] = [];
  const changes: SupplierChanged[] = [];
  for (const snapshot of snapshots) {
    const index = latest.findIndex((seen) => sameProduct(seen, snapshot));
    const previous = latest[index];
    if (previous === undefined) {
      latest.push(snapshot);
      continue;
    }
    const diff = attempt(errors, () => diffBoms(previous, snapshot));
    if (diff === undefined) continue;
    changes.push(...diff);
    latest[index] = snapshot;
  }
  return { changes, errors };
}

// A CSV snapshot cannot state its day inside the file; `supermicro-2018-06-30.csv` states it in the name.
const DATE_IN_NAME = /(\d{4}-\d{2}-\d{2})[^/\\]*$/;

/**
 * Parses one registry snapshot by its extension: `.csv` with `asOf` from the `YYYY-MM-DD` in the file
 * name (else its latest effective date), anything else as JSON.
 */
export function parseRegistryFile(input: InputFile, catalog: EntityCatalog): RegistrySnapshot {
  if (!input.name.toLowerCase().endsWith('.csv')) {
    return parseRegistryJson(input.text, { catalog, file: input.name });
  }
  const asOf = DATE_IN_NAME.exec(input.name)?.[1];
  return parseRegistryCsv(input.text, { catalog, file: input.name, ...(asOf ? { asOf } : {}) });
}

/**
 * Successive registry snapshots (`.json` or `.csv`): parsed one by one, ordered by `asOf`, each diffed
 * against the last good one before it. A bad or duplicated snapshot is reported and skipped. A CSV
 * file's `asOf` is the `YYYY-MM-DD` in its file name, else its latest effective date.
 */
export function runRegistryFiles(
  files: readonly InputFile[],
  options: { catalog: EntityCatalog },
): RunResult {
  const errors: IngestSupplierError[] = [];
  const snapshots = files
    .map((input) => attempt(errors, () => parseRegistryFile(input, options.catalog)))
    .filter((snapshot): snapshot is RegistrySnapshot => snapshot !== undefined)
    .sort((a, b) => a.asOf.localeCompare(b.asOf) || a.file.localeCompare(b.file));
  const changes: SupplierChanged[] = [];
  let previous: RegistrySnapshot | undefined;
  for (const snapshot of snapshots) {
    if (previous === undefined) {
      previous = snapshot;
      continue;
    }
    const base = previous;
    const diff = attempt(errors, () => diffRegistry(base, snapshot));
    if (diff === undefined) continue;
    changes.push(...diff);
    previous = snapshot;
  }
  return { changes, errors };
}
