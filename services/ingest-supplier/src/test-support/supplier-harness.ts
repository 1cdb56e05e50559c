// Test harness: the supplier ingest on a bus and store (memory ones by default) watching a fresh
// temporary directory, with every published event recorded as soon as the bus acknowledged it.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createMemoryBus, decorateBus, type EventBus, type EventTopic } from '@trustwatch/bus';
import { createLogger } from '@trustwatch/logging';
import type { CloudEvent } from '@trustwatch/schemas';
import { createMemoryTrustStore, type TrustStore } from '@trustwatch/store';
import { startSupplierIngest, type SupplierIngest } from '../embedded.js';
import type { InputFile } from '../run-files.js';
import type { SupplierSnapshots } from '../service/snapshot-state.js';
import { catalog } from './files.js';

/** A logger that writes nothing, for tests. */
export const silentLog = createLogger({ service: 'ingest-supplier-test', level: 'silent' });

/** A bus that records what it published and can be told to fail its next publish. */
export interface RecordingBus extends EventBus {
  readonly published: { readonly topic: EventTopic; readonly event: CloudEvent }[];
  failNextPublish(error: Error): void;
}

/** Wraps a real adapter; only `publish` is observed, everything else goes straight through. */
export function recordingBus(inner: EventBus): RecordingBus {
  const published: { topic: EventTopic; event: CloudEvent }[] = [];
  let failure: Error | undefined;
  return {
    ...decorateBus(inner, {}),
    published,
    failNextPublish(error) {
      failure = error;
    },
    async publish(topic, events) {
      const error = failure;
      failure = undefined;
      if (error !== undefined) throw error;
      await inner.publish(topic, events);
      published.push(...events.map((event) => ({ topic, event })));
    },
  };
}

export interface SupplierHarness {
  readonly bus: RecordingBus;
  readonly store: TrustStore;
  readonly ingest: SupplierIngest;
  /** The watched directory. */
  readonly dir: string;
  /** Writes a file into the watched directory (under `name`, which may hold sub-folders). */
  add(name: string, file: InputFile | string): Promise<string>;
  /** Stops the ingest and removes the directory; closes neither bus nor store. */
  stop(): Promise<void>;
}

/** Starts an ingest watching a new temporary directory; files are read as soon as they are written. */
export async function startHarness(
  options: { bus?: EventBus; store?: TrustStore; snapshots?: SupplierSnapshots; dir?: string } = {},
): Promise<SupplierHarness> {
  const bus = recordingBus(options.bus ?? createMemoryBus({ logger: silentLog }));
  const store = options.store ?? createMemoryTrustStore();
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'ingest-supplier-')));
  await bus.ensureTopics(['supplier.changed']);
  const ingest = startSupplierIngest({
    bus,
    store,
    log: silentLog,
    catalog,
    inputs: [dir],
    settleMs: 0,
    ...(options.snapshots === undefined ? {} : { snapshots: options.snapshots }),
  });
  return {
    bus,
    store,
    ingest,
    dir,
    async add(name, file) {
      const path = join(dir, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, typeof file === 'string' ? file : file.text);
      return path;
    },
    async stop() {
      await ingest.stop();
      if (options.dir === undefined) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns true, failing with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}
