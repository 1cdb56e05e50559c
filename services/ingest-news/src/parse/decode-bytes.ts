import { TextDecoder } from 'node:util';
import { IngestNewsError } from '../errors.js';
import { decodeWindows1252 } from './windows-1252.js';

/** Where a charset label came from, most authoritative first (RFC 7303 section 3: BOM, then HTTP). */
export type CharsetSource = 'bom' | 'content-type' | 'xml-declaration' | 'default';

export interface DecodedText {
  readonly text: string;
  /** The WHATWG encoding name TextDecoder used, e.g. `utf-8`, `windows-1252`, `gbk`. */
  readonly encoding: string;
  readonly charsetFrom: CharsetSource;
}

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function contentTypeCharset(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1];
}

function declaredCharset(bytes: Uint8Array): string | undefined {
  // The declaration is ASCII by rule, so reading the first bytes as latin1 is safe whatever follows.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256));
  const match = /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return match?.[1];
}

/**
 * Decodes a fetched document to text: the charset comes from a byte-order mark, else the HTTP
 * Content-Type, else the XML declaration, else UTF-8. Labels TextDecoder does not know are refused
 * (never guessed), and bytes that are invalid in the chosen charset are refused too, so mojibake never
 * reaches the classifier.
 */
export function decodeBytes(bytes: Uint8Array, contentType?: string, source?: string): DecodedText {
  const candidates: [string | undefined, CharsetSource][] = [
    [bomCharset(bytes), 'bom'],
    [contentTypeCharset(contentType), 'content-type'],
    [declaredCharset(bytes), 'xml-declaration'],
  ];
  const found = candidates.find(([value]) => value !== undefined);
  const label = found?.[0] ?? 'utf-8';
  const charsetFrom: CharsetSource = found?.[1] ?? 'default';
  const where = source === undefined ? {} : { source };
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch (cause) {
    throw new IngestNewsError('FEED_ENCODING_UNSUPPORTED', `unsupported charset "${label}"`, {
      ...where,
      cause,
    });
  }
  if (decoder.encoding === 'windows-1252') {
    // Every byte is defined in windows-1252, so there is nothing to refuse; see windows-1252.ts for why
    // TextDecoder is not trusted with it.
    return { text: decodeWindows1252(bytes), encoding: decoder.encoding, charsetFrom };
  }
  try {
    return { text: decoder.decode(bytes), encoding: decoder.encoding, charsetFrom };
  } catch (cause) {
    throw new IngestNewsError('FEED_ENCODING_INVALID', `bytes are not valid ${decoder.encoding}`, {
      ...where,
      cause,
    });
  }
}
