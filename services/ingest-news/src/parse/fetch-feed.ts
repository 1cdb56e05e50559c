import type { ReadableStreamDefaultReader } from 'node:stream/web';
import { IngestNewsError } from '../errors.js';
import { DEFAULT_MAX_FEED_BYTES } from './feed.js';
import { parseRetryAfter } from './retry-after.js';

/** What the last successful fetch returned, sent back so an unchanged feed costs a 304 and no body. */
export interface FeedValidators {
  readonly etag?: string;
  readonly lastModified?: string;
}

export type FetchOutcome =
  | { readonly status: 'not-modified'; readonly validators: FeedValidators }
  | {
      readonly status: 'fetched';
      readonly bytes: Uint8Array;
      readonly contentType: string | undefined;
      readonly validators: FeedValidators;
      /** The URL after redirects. */
      readonly url: string;
      /** A TAXII 2.1 server's `X-TAXII-Date-Added-Last`: when the newest object on this page was added. */
      readonly taxiiDateAddedLast?: string;
    };

export interface FetchFeedOptions {
  readonly validators?: FeedValidators;
  /** Whole-request limit, headers and body together: a feed that trickles bytes still times out. */
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly userAgent?: string;
  /** Cancels the request when the service is shutting down. */
  readonly signal?: AbortSignal;
}

/** Default whole-request limit; a healthy feed answers in well under a second. */
export const DEFAULT_FETCH_TIMEOUT_MS = 15_000;
// TAXII 2.1 servers answer 406 unless their media type is accepted, so a feed URL may name a collection.
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/taxii+json;version=2.1, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';

/**
 * Conditional GET of a feed with Node's fetch: sends `If-None-Match` / `If-Modified-Since` from the
 * previous answer, enforces a whole-request timeout and a body size limit while streaming (the
 * `Content-Length` header is checked first but not trusted), and maps every failure to an
 * {@link IngestNewsError} whose `retriable` says whether backing off and retrying may help.
 */
export async function fetchFeed(url: string, options: FetchFeedOptions = {}): Promise<FetchOutcome> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FEED_BYTES;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);
  const headers: Record<string, string> = {
    accept: ACCEPT,
    'user-agent': options.userAgent ?? 'trustwatch-ingest-news',
  };
  if (options.validators?.etag !== undefined) headers['if-none-match'] = options.validators.etag;
  if (options.validators?.lastModified !== undefined)
    headers['if-modified-since'] = options.validators.lastModified;
  try {
    const response = await fetch(url, { headers, signal, redirect: 'follow' });
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 'not-modified', validators: options.validators ?? {} };
    }
    if (!response.ok) {
      await response.body?.cancel();
      // 429 and 5xx are the server's temporary trouble; other 4xx need the operator.
      const code =
        response.status === 429 || response.status >= 500 ? 'FEED_SERVER_ERROR' : 'FEED_HTTP_ERROR';
      // RFC 9110: 429 and 503 may say when to come back; other statuses' Retry-After is not ours to honour.
      const retryAfterMs =
        response.status === 429 || response.status === 503
          ? parseRetryAfter(response.headers.get('retry-after'), Date.now())
          : undefined;
      throw new IngestNewsError(code, `feed answered HTTP ${response.status}`, {
        source: url,
        status: response.status,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) {
      await response.body?.cancel();
      throw new IngestNewsError('FEED_TOO_LARGE', `feed declares ${declared} bytes, limit ${maxBytes}`, {
        source: url,
      });
    }
    const bytes = await readLimited(response, maxBytes, url);
    const dateAddedLast = response.headers.get('x-taxii-date-added-last');
    return {
      status: 'fetched',
      bytes,
      contentType: response.headers.get('content-type') ?? undefined,
      validators: validatorsOf(response),
      url: response.url || url,
      ...(dateAddedLast === null ? {} : { taxiiDateAddedLast: dateAddedLast }),
    };
  } catch (error) {
    throw asFeedError(error, url, timeout);
  }
}

async function readLimited(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Node's fetch types leave the reader untyped; its chunks are Uint8Array by the Fetch standard.
  const reader = response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new IngestNewsError('FEED_TOO_LARGE', `feed body exceeds ${maxBytes} bytes`, { source: url });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function validatorsOf(response: Response): FeedValidators {
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  return { ...(etag === null ? {} : { etag }), ...(lastModified === null ? {} : { lastModified }) };
}

function asFeedError(error: unknown, url: string, timeout: AbortSignal): IngestNewsError {
  if (error instanceof IngestNewsError) return error;
  if (timeout.aborted)
    return new IngestNewsError('FEED_TIMEOUT', 'feed did not answer in time', { source: url, cause: error });
  return new IngestNewsError('FEED_UNREACHABLE', 'feed could not be reached', { source: url, cause: error });
}
