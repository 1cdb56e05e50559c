import { parseUntrustedJson } from '@trustwatch/schemas';
import { IngestSupplierError } from './errors.js';

/** Largest input file accepted: a server HBOM or a registry export is far below this. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/**
 * Parses a JSON input file: size-capped before parsing, prototype-polluting keys refused. A truncated
 * file fails here as `INVALID_JSON`.
 */
export function parseJsonFile(text: string, file: string, maxBytes = MAX_INPUT_BYTES): unknown {
  assertSize(text, file, maxBytes);
  try {
    return parseUntrustedJson(text);
  } catch (cause) {
    throw new IngestSupplierError('INVALID_JSON', 'not valid JSON (truncated or malformed)', { file, cause });
  }
}

/** Refuses a file above `maxBytes` (UTF-8) before any parsing work. */
export function assertSize(text: string, file: string, maxBytes = MAX_INPUT_BYTES): void {
  // Length in UTF-16 units is at most the UTF-8 byte length, so check it first and count bytes only near the limit.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes)) {
    throw new IngestSupplierError('FILE_TOO_LARGE', `larger than ${maxBytes} bytes`, { file });
  }
}
