// The file-backed snapshot state: one JSON file per product or feed key, one empty marker per handled
// input file, each written to a temporary name, flushed, then renamed so a crash leaves the old or the
// new file and never half of one.
import { randomBytes } from 'node:crypto';
import { access, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseUntrustedJson, stableId } from '@trustwatch/schemas';
import { IngestSupplierError } from '../errors.js';
import type { SupplierSnapshots } from './snapshot-state.js';
import { savedSnapshotSchema } from './stored-snapshot-schema.js';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Opens (creating it if needed) a snapshot state under `directory`: `snapshots/<key hash>.json` and
 * `handled/<file key>`. One service instance per directory: two writers would race on a product's
 * snapshot. Survives restarts, so a restarted service diffs new files against what it last applied.
 */
export async function openFileSupplierSnapshots(directory: string): Promise<SupplierSnapshots> {
  const snapshotDir = join(directory, 'snapshots');
  const handledDir = join(directory, 'handled');
  await mkdir(snapshotDir, { recursive: true, mode: 0o700 });
  await mkdir(handledDir, { recursive: true, mode: 0o700 });
  // Keys hold serial numbers and file names: hashed into names every file system accepts.
  const snapshotPath = (key: string): string => join(snapshotDir, `${stableId('key', key)}.json`);
  const handledPath = (fileKey: string): string => join(handledDir, stableId('handled', fileKey));

  async function read(key: string) {
    const path = snapshotPath(key);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    let saved;
    try {
      saved = savedSnapshotSchema.parse(parseUntrustedJson(text));
    } catch (cause) {
      throw new IngestSupplierError('STATE_INVALID', 'saved snapshot is damaged', { file: path, cause });
    }
    if (saved.key !== key) {
      throw new IngestSupplierError('STATE_INVALID', `saved under "${saved.key}", read as "${key}"`, {
        file: path,
      });
    }
    return saved.entry;
  }

  return {
    async get(keys) {
      for (const key of keys) {
        const entry = await read(key);
        if (entry !== undefined) return entry;
      }
      return undefined;
    },
    async put(keys, entry) {
      for (const key of keys) await writeAtomically(snapshotPath(key), JSON.stringify({ key, entry }));
    },
    async handled(fileKey) {
      try {
        await access(handledPath(fileKey));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
    markHandled: (fileKey) => writeAtomically(handledPath(fileKey), ''),
  };
}
