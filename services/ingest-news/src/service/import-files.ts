import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SourceDocument } from './read-source.js';

/** One document read from disk, or the reason it could not be read. */
export type FileDocument =
  | { readonly path: string; readonly doc: SourceDocument }
  | { readonly path: string; readonly error: unknown };

/** Documents larger than this are not read into memory; the readers' own limits are lower. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Reads files, and the regular files directly inside folders (sorted, so imports are reproducible), as
 * source documents. A local file gets `https://file.invalid/<name>`: a reserved host that can never
 * resolve, so a link derived from it can never point somewhere real.
 */
export async function readDocuments(paths: readonly string[]): Promise<FileDocument[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path);
    if (!info.isDirectory()) files.push(path);
    else {
      const entries = await readdir(path, { withFileTypes: true });
      // Only the formats the readers know (CVE and STIX JSON, RSS and Atom XML): no SOURCE.md, no LICENSE.
      const names = entries.filter((entry) => entry.isFile() && /\.(json|xml)$/i.test(entry.name));
      files.push(...names.map((entry) => join(path, entry.name)).sort());
    }
  }
  const documents: FileDocument[] = [];
  for (const path of files) {
    try {
      const size = (await stat(path)).size;
      if (size > MAX_FILE_BYTES) throw new RangeError(`${path} is ${size} bytes, limit ${MAX_FILE_BYTES}`);
      const bytes = await readFile(path);
      documents.push({
        path,
        doc: { bytes, url: `https://file.invalid/${encodeURIComponent(basename(path))}` },
      });
    } catch (error) {
      documents.push({ path, error });
    }
  }
  return documents;
}
