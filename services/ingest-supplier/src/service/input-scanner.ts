// Finds input files in the configured files and directories; the only file of the flow that lists and
// stats the file system (reading is readInputFile's job).
import { readdir, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { IngestSupplierError } from '../errors.js';
import { readInputFile } from '../read-input-file.js';
import type { InputFile } from '../run-files.js';

/** What one scan found: files to ingest, and inputs that could not be listed or read this time. */
export interface ScanResult {
  readonly files: readonly InputFile[];
  readonly unreadable: readonly IngestSupplierError[];
}

export interface InputScannerOptions {
  /** Files and directories (searched recursively) holding BOMs and registry snapshots. */
  readonly inputs: readonly string[];
  /** A file modified less than this long ago may still be being written: left for the next scan. */
  readonly settleMs: number;
  /** Clock (ms), injected for tests. */
  readonly now?: () => number;
}

// BOMs are JSON, registry snapshots JSON or CSV. Hidden files and editors' or copiers' temporary files
// (`.x.swp`, `x.json.tmp`, `x.csv.part`) have other endings or a leading dot.
function isCandidate(relative: string): boolean {
  if (relative.split(sep).some((segment) => segment.startsWith('.'))) return false;
  return /\.(json|csv)$/i.test(relative);
}

/**
 * Scans the inputs for files that are new or changed since they were last {@link InputScanner.done}.
 * A file is recognised as unchanged by its size and modification time, so a scan reads only what
 * moved; the content hash (see `fileKey`) then decides whether it is really new input.
 */
export class InputScanner {
  private readonly inputs: readonly string[];
  private readonly settleMs: number;
  private readonly now: () => number;
  private readonly done = new Map<string, string>();
  private readonly pending = new Map<string, string>();

  constructor(options: InputScannerOptions) {
    this.inputs = options.inputs.map((input) => resolve(input));
    this.settleMs = options.settleMs;
    this.now = options.now ?? Date.now;
  }

  /** Reads every candidate file that is settled and not known unchanged. */
  async scan(): Promise<ScanResult> {
    const files: InputFile[] = [];
    const unreadable: IngestSupplierError[] = [];
    for (const path of await this.list(unreadable)) {
      let signature: string | undefined;
      try {
        const info = await stat(path);
        if (!info.isFile() || !this.settled(info.mtimeMs)) continue;
        signature = `${info.size}:${info.mtimeMs}`;
        if (this.done.get(path) === signature) continue;
        files.push(await readInputFile(path));
        this.pending.set(path, signature);
      } catch (error) {
        const problem = asUnreadable(error, path);
        // A file too large stays too large until it changes: report it once, not on every scan.
        if (!problem.retriable && signature !== undefined) this.done.set(path, signature);
        unreadable.push(problem);
      }
    }
    return { files, unreadable };
  }

  /** Records that a scanned file reached a final outcome: it is skipped until it changes. */
  markDone(path: string): void {
    const signature = this.pending.get(path);
    if (signature === undefined) return;
    this.done.set(path, signature);
    this.pending.delete(path);
  }

  // Modification times have sub-millisecond precision and the clock does not: with no settle time a file
  // written this very millisecond would look as if it came from the future.
  private settled(mtimeMs: number): boolean {
    return this.settleMs === 0 || this.now() - mtimeMs >= this.settleMs;
  }

  private async list(unreadable: IngestSupplierError[]): Promise<string[]> {
    const paths: string[] = [];
    for (const input of this.inputs) {
      try {
        const info = await stat(input);
        if (!info.isDirectory()) {
          paths.push(input);
          continue;
        }
        const entries = await readdir(input, { recursive: true });
        paths.push(...entries.filter(isCandidate).map((entry) => join(input, entry)));
      } catch (error) {
        unreadable.push(asUnreadable(error, input));
      }
    }
    return [...new Set(paths)].sort();
  }
}

function asUnreadable(error: unknown, path: string): IngestSupplierError {
  if (error instanceof IngestSupplierError) return error;
  return new IngestSupplierError('FILE_UNREADABLE', 'cannot be listed or read', { file: path, cause: error });
}
