import type { EventBus } from '@trustwatch/bus';
import type { EntityCatalog } from '@trustwatch/entities';
import type { Logger } from '@trustwatch/logging';
import type { TrustStore } from '@trustwatch/store';
import { IngestSupplierError } from '../errors.js';
import type { InputFile } from '../run-files.js';
import { diffStored } from './diff-stored.js';
import { supplierChangedEvent } from './events.js';
import { fileKey } from './input-kind.js';
import { compareInputs, parseInput, type ParsedInput } from './parse-input.js';
import type { StoredSnapshot, SupplierSnapshots } from './snapshot-state.js';
import { syncSupplierLinks } from './supplier-links.js';

/** What ingesting needs, passed explicitly so tests can hand in memory adapters and a fixed clock. */
export interface IngestDeps {
  readonly bus: EventBus;
  readonly store: TrustStore;
  readonly snapshots: SupplierSnapshots;
  readonly catalog: EntityCatalog;
  readonly log: Logger;
  readonly now: () => Date;
  /** The vendor of every BOM, when the operator knows it better than the BOMs say. */
  readonly bomVendor?: string;
}

/**
 * What became of one file. `baseline`: first snapshot of its product or feed, links stored, nothing
 * published. `applied`: diffed against the stored one, changes published, links and state updated.
 * `refused`: bad input, nothing applied, not retried until the file changes. `unchanged`: this exact
 * file was handled before. `deferred`: the bus, store or state failed; nothing of it is marked handled,
 * so the next run takes it up again (and re-publishes the same event ids, which consumers deduplicate).
 */
export type FileOutcome =
  | { readonly status: 'baseline'; readonly file: string; readonly linked: number }
  | {
      readonly status: 'applied';
      readonly file: string;
      readonly published: number;
      readonly linked: number;
      readonly unlinked: number;
    }
  | { readonly status: 'refused'; readonly file: string; readonly error: IngestSupplierError }
  | { readonly status: 'unchanged'; readonly file: string }
  | { readonly status: 'deferred'; readonly file: string; readonly error: unknown };

// Bad input is the file's fault and final; the service's own state being damaged is not the file's fault.
function isBadInput(error: unknown): error is IngestSupplierError {
  return error instanceof IngestSupplierError && !error.retriable && error.code !== 'STATE_INVALID';
}

/**
 * Ingests a set of files: each is parsed whole (a bad file is refused and the others go on), then, in
 * version/day order, diffed against the stored snapshot of its product or feed; its `supplier.changed`
 * events are published in one batch keyed by vendor, the store's supplier links are made to match it,
 * and it becomes the stored snapshot. After a bus, store or state failure the remaining files are
 * deferred: a later snapshot must never be applied on top of one that was not.
 */
export async function ingestFiles(files: readonly InputFile[], deps: IngestDeps): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  const parsed: ParsedInput[] = [];
  const fallbackDate = deps.now().toISOString().slice(0, 10);
  for (const file of files) {
    const key = fileKey(file);
    if (await deps.snapshots.handled(key)) {
      outcomes.push({ status: 'unchanged', file: file.name });
      continue;
    }
    try {
      parsed.push(parseInput(file, { ...deps, fallbackDate }));
    } catch (error) {
      if (!isBadInput(error)) throw error;
      outcomes.push(await refuse(error, key, deps));
    }
  }
  let blocked: unknown;
  for (const input of parsed.sort(compareInputs)) {
    if (blocked !== undefined) {
      outcomes.push({ status: 'deferred', file: input.snapshot.file, error: blocked });
      continue;
    }
    try {
      outcomes.push(await applyInput(input, deps));
    } catch (error) {
      if (isBadInput(error)) {
        outcomes.push(await refuse(error, input.fileKey, deps));
        continue;
      }
      blocked = error;
      deps.log.error({ err: error, file: input.snapshot.file }, 'supplier snapshot deferred');
      outcomes.push({ status: 'deferred', file: input.snapshot.file, error });
    }
  }
  return outcomes;
}

async function refuse(error: IngestSupplierError, key: string, deps: IngestDeps): Promise<FileOutcome> {
  deps.log.warn({ err: error, file: error.file, code: error.code, path: error.path }, 'input file refused');
  await deps.snapshots.markHandled(key);
  return { status: 'refused', file: error.file, error };
}

// Diff first (it may refuse the file), then publish, link, store, mark: each step is safe to repeat.
async function applyInput(input: ParsedInput, deps: IngestDeps): Promise<FileOutcome> {
  const stored = await deps.snapshots.get(input.keys);
  const changes = diffStored(stored, input);
  const file = input.snapshot.file;
  if (changes.length > 0) await deps.bus.publish('supplier.changed', changes.map(supplierChangedEvent));
  const links = await syncSupplierLinks(deps.store, stored?.snapshot, input.snapshot);
  const entry: StoredSnapshot =
    input.kind === 'bom'
      ? { kind: 'bom', snapshot: input.snapshot }
      : { kind: 'registry', snapshot: input.snapshot };
  await deps.snapshots.put(input.keys, entry);
  await deps.snapshots.markHandled(input.fileKey);
  if (stored === undefined) {
    deps.log.info({ file, links: links.linked }, 'supplier snapshot stored as baseline');
    return { status: 'baseline', file, linked: links.linked };
  }
  deps.log.info({ file, published: changes.length, ...links }, 'supplier snapshot applied');
  return { status: 'applied', file, published: changes.length, ...links };
}
