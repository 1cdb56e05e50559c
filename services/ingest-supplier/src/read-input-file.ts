// The file-reading edge of the pure parsers: everything else in this package takes text.
import { readFile, stat } from 'node:fs/promises';
import { IngestSupplierError } from './errors.js';
import type { InputFile } from './run-files.js';
import { MAX_INPUT_BYTES } from './untrusted-json.js';

/**
 * Reads one BOM or registry file as UTF-8, refusing it before reading when it is larger than
 * `maxBytes`. An I/O failure is `FILE_UNREADABLE` (retriable: the file may be mid-write or on a
 * flaky mount); a file too big is `FILE_TOO_LARGE`.
 */
export async function readInputFile(path: string, maxBytes = MAX_INPUT_BYTES): Promise<InputFile> {
  try {
    const info = await stat(path);
    if (info.size > maxBytes) {
      throw new IngestSupplierError('FILE_TOO_LARGE', `${info.size} bytes, more than ${maxBytes}`, {
        file: path,
      });
    }
    return { name: path, text: await readFile(path, 'utf8') };
  } catch (cause) {
    if (cause instanceof IngestSupplierError) throw cause;
    throw new IngestSupplierError('FILE_UNREADABLE', 'cannot be read', { file: path, cause });
  }
}
