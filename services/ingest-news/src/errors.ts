import { TrustwatchError } from '@trustwatch/schemas';

/**
 * Every way reading a feed, a threat-intel bundle, an advisory or an operator data file can fail.
 * `retriable` says whether asking again later may help (a timeout, a refused connection, a 5xx) or only
 * a change at the source or in the configuration will (malformed input, a DTD, an unknown charset).
 */
export const INGEST_NEWS_ERROR_CODES = [
  'FEED_TIMEOUT',
  'FEED_UNREACHABLE',
  'FEED_SERVER_ERROR',
  'FEED_HTTP_ERROR',
  'FEED_TOO_LARGE',
  'FEED_ENCODING_UNSUPPORTED',
  'FEED_ENCODING_INVALID',
  'XML_MALFORMED',
  'XML_DTD_REFUSED',
  'FEED_UNRECOGNISED',
  'JSON_MALFORMED',
  'STIX_INVALID',
  'CVE_INVALID',
  'CVE_NO_KNOWN_VENDOR',
  'DATA_FILE_INVALID',
  'FEEDS_FILE_INVALID',
  'STORY_UNCLASSIFIABLE',
] as const;
export type IngestNewsErrorCode = (typeof INGEST_NEWS_ERROR_CODES)[number];

const RETRIABLE: Record<IngestNewsErrorCode, boolean> = {
  FEED_TIMEOUT: true,
  FEED_UNREACHABLE: true,
  FEED_SERVER_ERROR: true,
  // 4xx other than 429: the URL or the credentials are wrong; the operator has to act.
  FEED_HTTP_ERROR: false,
  FEED_TOO_LARGE: false,
  FEED_ENCODING_UNSUPPORTED: false,
  FEED_ENCODING_INVALID: false,
  XML_MALFORMED: false,
  // A DTD is how entity-expansion and external-entity attacks arrive; no news feed needs one.
  XML_DTD_REFUSED: false,
  FEED_UNRECOGNISED: false,
  JSON_MALFORMED: false,
  STIX_INVALID: false,
  CVE_INVALID: false,
  // The catalog may learn the vendor later, but the same record will not parse differently by retrying.
  CVE_NO_KNOWN_VENDOR: false,
  DATA_FILE_INVALID: false,
  FEEDS_FILE_INVALID: false,
  // The classifier is deterministic: an article it cannot turn into a valid story never will be.
  STORY_UNCLASSIFIABLE: false,
};

/**
 * The one error class of the news ingest. Messages name the source (feed URL, file) and never echo
 * the untrusted body.
 */
export class IngestNewsError extends TrustwatchError<IngestNewsErrorCode> {
  /** The feed URL or file the error concerns, when known. */
  readonly source: string | undefined;
  /** HTTP status of the answer, when there was one. */
  readonly status: number | undefined;
  /** How long the server asked us to wait (its `Retry-After` on a 429 or 503), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(
    code: IngestNewsErrorCode,
    message: string,
    options: { source?: string; status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(code, message, { retriable: RETRIABLE[code], cause: options.cause });
    this.source = options.source;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}
