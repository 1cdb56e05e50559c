import type { FetchOutcome } from '../parse/fetch-feed.js';
import { readJsonDocument } from '../parse/untrusted-json.js';
import type { SourceDocument } from './read-source.js';

/** Most pages read in one poll; a longer backlog continues at the next poll from the recorded `added_after`. */
export const MAX_TAXII_PAGES = 100;

type Fetched = Extract<FetchOutcome, { status: 'fetched' }>;

/** Whether an answer is a TAXII 2.1 envelope by its media type (`application/taxii+json;version=2.1`). */
export function isTaxiiAnswer(contentType: string | undefined): boolean {
  return (contentType ?? '').toLowerCase().includes('application/taxii+json');
}

/** A collection's objects URL with the TAXII 2.1 `added_after` and `next` query parameters set. */
export function taxiiRequestUrl(
  collection: string,
  query: { readonly addedAfter?: string | undefined; readonly next?: string | undefined },
): string {
  const url = new URL(collection);
  if (query.addedAfter !== undefined) url.searchParams.set('added_after', query.addedAfter);
  if (query.next !== undefined) url.searchParams.set('next', query.next);
  return url.href;
}

export interface TaxiiCollectionRead {
  /** The collection's objects URL as a feed URL. */
  readonly collection: string;
  /** The first page, already fetched by the poller. */
  readonly first: Fetched;
  /** The `added_after` the first page was requested with; kept on every following page. */
  readonly addedAfter: string | undefined;
  readonly outlet: string;
  readonly fetchPage: (url: string) => Promise<FetchOutcome>;
  /** Receives each page that carries objects; a throw stops the read and `added_after` is not advanced. */
  readonly onPage: (doc: SourceDocument) => Promise<void>;
}

/**
 * Reads a TAXII 2.1 collection from its first page on: while the envelope says `more`, asks for the
 * `next` page (or, from a server that pages by date alone, for objects added after the newest so far).
 * Returns the newest `date_added` seen (`X-TAXII-Date-Added-Last`, else the objects' `date_added`), for
 * the next poll's `added_after`.
 */
export async function readTaxiiCollection(read: TaxiiCollectionRead): Promise<string | undefined> {
  // Pages keep the collection's address as their base, so report addresses do not carry `next=` tokens.
  const base = new URL(read.first.url);
  base.search = '';
  let page = read.first;
  let newest = read.addedAfter;
  for (let pages = 1; ; pages += 1) {
    const envelope = readEnvelope(page);
    if (envelope.hasObjects) {
      const { bytes, contentType } = page;
      await read.onPage({ bytes, contentType, url: base.href, outlet: read.outlet });
    }
    const before = newest;
    for (const added of [page.taxiiDateAddedLast, ...envelope.datesAdded]) newest = later(newest, added);
    if (!envelope.more || pages >= MAX_TAXII_PAGES) return newest;
    let url: string;
    if (envelope.next !== undefined)
      url = taxiiRequestUrl(read.collection, { addedAfter: read.addedAfter, next: envelope.next });
    else if (newest !== before) url = taxiiRequestUrl(read.collection, { addedAfter: newest });
    // `more` with neither a token nor progress in time: asking again would return this same page.
    else return newest;
    const outcome = await read.fetchPage(url);
    if (outcome.status !== 'fetched') return newest;
    page = outcome;
  }
}

interface Envelope {
  readonly hasObjects: boolean;
  readonly more: boolean;
  readonly next: string | undefined;
  readonly datesAdded: readonly string[];
}

function readEnvelope(page: Fetched): Envelope {
  const json = readJsonDocument(page.bytes, {
    source: page.url,
    ...(page.contentType === undefined ? {} : { contentType: page.contentType }),
  });
  // Anything but an object is passed on as a page, so the source reader reports what is wrong with it.
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return { hasObjects: true, more: false, next: undefined, datesAdded: [] };
  const fields = json as Record<string, unknown>;
  const objects = Array.isArray(fields['objects']) ? (fields['objects'] as unknown[]) : [];
  const next = fields['next'];
  return {
    // An empty collection answers `{}`: nothing to read, and not an error.
    hasObjects: objects.length > 0 || ('objects' in fields && !Array.isArray(fields['objects'])),
    more: fields['more'] === true,
    next: typeof next === 'string' && next !== '' ? next : undefined,
    datesAdded: objects.flatMap((object) => {
      const added = (object as Record<string, unknown> | null)?.['date_added'];
      return typeof added === 'string' ? [added] : [];
    }),
  };
}

/** The later of two TAXII timestamps; an unreadable one is ignored. */
function later(current: string | undefined, candidate: string | undefined): string | undefined {
  if (candidate === undefined || Number.isNaN(Date.parse(candidate))) return current;
  if (current === undefined) return candidate;
  const [a, b] = [Date.parse(current), Date.parse(candidate)];
  // Equal to the millisecond: TAXII keeps microseconds, and same-length RFC 3339 strings sort as text.
  return b > a || (b === a && candidate > current) ? candidate : current;
}
