import { setTimeout as sleep } from 'node:timers/promises';
import type { EventBus } from '@trustwatch/bus';
import { loadEntityCatalog, type EntityCatalog } from '@trustwatch/entities';
import type { Logger } from '@trustwatch/logging';
import type { TrustStore } from '@trustwatch/store';
import { ingestFiles, type FileOutcome } from './service/ingest-files.js';
import { InputScanner } from './service/input-scanner.js';
import { createMemorySupplierSnapshots, type SupplierSnapshots } from './service/snapshot-state.js';

/** Everything the service runs on; the demo and tests pass memory adapters, main.ts Kafka and Redis. */
export interface SupplierIngestOptions {
  readonly bus: EventBus;
  readonly store: TrustStore;
  readonly log: Logger;
  /** Files and directories (searched recursively) to watch. Default: none, only `ingestPaths`. */
  readonly inputs?: readonly string[];
  /** Last applied snapshot per product and feed. Default: in memory (lost on exit). */
  readonly snapshots?: SupplierSnapshots;
  /** Entity catalog for vendor and supplier names. Default: the one shipped with @trustwatch/entities. */
  readonly catalog?: EntityCatalog;
  /** The vendor of every BOM, when the operator knows it better than the BOMs say. */
  readonly bomVendor?: string;
  /** Files modified less than this long ago are left for the next scan (ms). Default 2000. */
  readonly settleMs?: number;
  readonly now?: () => Date;
}

/** Files by outcome and events published since start. */
export type SupplierIngestMetrics = Readonly<Record<FileOutcome['status'] | 'published' | 'scans', number>>;

/** A running supplier ingest. */
export interface SupplierIngest {
  /** Scans the watched inputs once and ingests what is new; resolves with one outcome per file. */
  scanOnce(): Promise<FileOutcome[]>;
  /** Ingests the given files and directories now, whatever their age (command-line runs). */
  ingestPaths(paths: readonly string[]): Promise<FileOutcome[]>;
  /** Scans every `intervalMs` until `stop()`; resolves at once, the loop runs in the background. */
  startWatching(intervalMs: number): void;
  metrics(): SupplierIngestMetrics;
  /** Stops watching and waits for the run in progress. Closes neither bus nor store. */
  stop(): Promise<void>;
}

/**
 * Starts the supplier ingest on a given bus and store: BOMs and registry snapshots found in the inputs
 * are diffed against the last applied snapshot of their product or feed, changes go to
 * `supplier.changed` (keyed by vendor id), and the store's supplier links follow. The topic must exist.
 */
export function startSupplierIngest(options: SupplierIngestOptions): SupplierIngest {
  const log = options.log.child({ module: 'ingest-supplier' });
  const now = options.now ?? (() => new Date());
  const deps = {
    bus: options.bus,
    store: options.store,
    snapshots: options.snapshots ?? createMemorySupplierSnapshots(),
    catalog: options.catalog ?? loadEntityCatalog(),
    log,
    now,
    ...(options.bomVendor === undefined ? {} : { bomVendor: options.bomVendor }),
  };
  const counts = { baseline: 0, applied: 0, refused: 0, unchanged: 0, deferred: 0, published: 0, scans: 0 };
  const watched = new InputScanner({
    inputs: options.inputs ?? [],
    settleMs: options.settleMs ?? 2000,
    now: () => now().getTime(),
  });

  async function run(scanner: InputScanner): Promise<FileOutcome[]> {
    const found = await scanner.scan();
    const outcomes: FileOutcome[] = found.unreadable.map((error) => {
      log.warn({ err: error, file: error.file, code: error.code }, 'input file unreadable');
      return error.retriable
        ? { status: 'deferred', file: error.file, error }
        : { status: 'refused', file: error.file, error };
    });
    outcomes.push(...(await ingestFiles(found.files, deps)));
    for (const outcome of outcomes) {
      if (outcome.status !== 'deferred') scanner.markDone(outcome.file);
      counts[outcome.status] += 1;
      if (outcome.status === 'applied') counts.published += outcome.published;
    }
    counts.scans += 1;
    return outcomes;
  }

  // One run at a time: two overlapping runs could diff the same product against the same stored snapshot.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = (scanner: InputScanner): Promise<FileOutcome[]> => {
    const next = queue.then(() => run(scanner));
    queue = next.catch(() => undefined);
    return next;
  };

  const abort = new AbortController();
  let watching: Promise<void> = Promise.resolve();
  async function watch(intervalMs: number): Promise<void> {
    while (!abort.signal.aborted) {
      try {
        await serial(watched);
      } catch (error) {
        log.error({ err: error }, 'supplier input scan failed; retrying at the next interval');
      }
      await sleep(intervalMs, undefined, { signal: abort.signal }).catch(() => undefined);
    }
  }

  return {
    scanOnce: () => serial(watched),
    ingestPaths: (paths) => serial(new InputScanner({ inputs: paths, settleMs: 0 })),
    startWatching(intervalMs) {
      watching = watch(intervalMs);
    },
    metrics: () => ({ ...counts }),
    async stop() {
      abort.abort();
      await watching;
      await queue;
    },
  };
}
