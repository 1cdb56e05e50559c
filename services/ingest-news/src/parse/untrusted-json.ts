import { parseUntrustedJson, SchemaError } from '@trustwatch/schemas';
import { IngestNewsError, type IngestNewsErrorCode } from '../errors.js';
import { decodeBytes } from './decode-bytes.js';

/** Largest threat-intel bundle or advisory file accepted; real STIX bundles and CVE records are KiB. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * Reads an untrusted JSON document (bytes or text): size-checked, charset-decoded, parsed with the
 * project's prototype-pollution guard. Every failure is an {@link IngestNewsError} with the given code
 * for a bad shape, or `JSON_MALFORMED` / `FEED_TOO_LARGE`.
 */
export function readJsonDocument(
  input: Uint8Array | string,
  options: { source?: string; maxBytes?: number; contentType?: string } = {},
): unknown {
  const where = options.source === undefined ? {} : { source: options.source };
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > maxBytes)
    throw new IngestNewsError('FEED_TOO_LARGE', `document is ${size} bytes, limit ${maxBytes}`, where);
  const text =
    typeof input === 'string' ? input : decodeBytes(input, options.contentType, options.source).text;
  try {
    return parseUntrustedJson(text);
  } catch (cause) {
    if (!(cause instanceof SchemaError)) throw cause;
    throw new IngestNewsError('JSON_MALFORMED', `not usable JSON (${cause.code})`, { ...where, cause });
  }
}

/** Builds the error for a JSON document of the wrong shape, naming the first bad path. */
export function shapeError(
  code: Extract<IngestNewsErrorCode, 'STIX_INVALID' | 'CVE_INVALID'>,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  source?: string,
): IngestNewsError {
  const first = issues[0];
  const path = first === undefined ? '(root)' : first.path.map(String).join('.') || '(root)';
  return new IngestNewsError(
    code,
    `${path}: ${first?.message ?? 'invalid'}`,
    source === undefined ? {} : { source },
  );
}
