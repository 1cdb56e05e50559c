import type { EntityCatalog } from '@trustwatch/entities';
import type { AdvisoryPublished, NewsPublished } from '@trustwatch/schemas';
import { IngestNewsError } from '../errors.js';
import { parseCveRecord } from '../parse/cve.js';
import { decodeBytes } from '../parse/decode-bytes.js';
import { parseFeed, type RejectedItem } from '../parse/feed.js';
import { parseStixBundle } from '../parse/stix.js';
import { readJsonDocument } from '../parse/untrusted-json.js';
import type { Lexicon } from '../understand/lexicon.js';
import { stixDenials, type StixDenial } from '../understand/stix-answers.js';

/** One fetched or imported document, before it is read. */
export interface SourceDocument {
  readonly bytes: Uint8Array;
  readonly contentType?: string | undefined;
  /** Where it came from: the feed URL after redirects, or `https://file.invalid/<name>` for a file. */
  readonly url: string;
  /** The outlet name the operator gave the source; replaces the name the document gives itself. */
  readonly outlet?: string | undefined;
}

/** What a source carried: articles to classify, advisories to publish, STIX denials to route. */
export interface SourceReading {
  readonly kind: 'feed' | 'stix' | 'cve';
  readonly articles: readonly NewsPublished[];
  readonly advisories: readonly AdvisoryPublished[];
  readonly denials: readonly StixDenial[];
  readonly rejected: readonly RejectedItem[];
}

/**
 * Reads a feed, STIX 2.1 bundle or CVE JSON 5 record, recognised by content (a feed URL may serve any
 * of them). Throws {@link IngestNewsError} for anything else or for a malformed document; items a feed
 * could not use are listed in `rejected` and the rest still flow.
 */
export function readSource(
  doc: SourceDocument,
  deps: { readonly catalog: EntityCatalog; readonly lexicon: Lexicon },
): SourceReading {
  const { text } = decodeBytes(doc.bytes, doc.contentType, doc.url);
  const head = text.replace(/^\uFEFF/, '').trimStart();
  const none = { articles: [], advisories: [], denials: [], rejected: [] };
  if (head.startsWith('{')) {
    const json = readJsonDocument(text, { source: doc.url });
    const fields = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {};
    if (fields['dataType'] === 'CVE_RECORD') {
      return { ...none, kind: 'cve', advisories: [parseCveRecord(text, deps.catalog, { source: doc.url })] };
    }
    const stix = fields['type'] === 'bundle' ? text : taxiiAsBundle(fields);
    if (stix !== undefined) {
      const reading = parseStixBundle(stix, {
        baseUrl: doc.url,
        ...(doc.outlet === undefined ? {} : { outlet: doc.outlet }),
      });
      return {
        ...none,
        kind: 'stix',
        articles: reading.reports.map((report) => report.article),
        denials: stixDenials(reading, deps.lexicon),
      };
    }
    throw new IngestNewsError('FEED_UNRECOGNISED', 'JSON is no CVE record, STIX bundle or TAXII envelope', {
      source: doc.url,
    });
  }
  const feed = parseFeed({
    bytes: doc.bytes,
    feedUrl: doc.url,
    ...(doc.contentType === undefined ? {} : { contentType: doc.contentType }),
  });
  const outlet = doc.outlet;
  return {
    ...none,
    kind: 'feed',
    articles: outlet === undefined ? feed.articles : feed.articles.map((item) => ({ ...item, outlet })),
    rejected: feed.rejected,
  };
}

/**
 * A TAXII 2.1 envelope (what a collection's `objects/` endpoint returns: `objects`, `more`, `next`) as
 * the STIX bundle the reader takes; undefined for any other JSON. One page at a time: the poller
 * follows `more` / `next` and asks each poll only for objects added since the last (`taxii-collection.ts`).
 */
function taxiiAsBundle(fields: Record<string, unknown>): string | undefined {
  if (fields['type'] !== undefined || !Array.isArray(fields['objects'])) return undefined;
  // The reader wants a bundle id and an envelope has none; one fixed id labels every page.
  return JSON.stringify({ type: 'bundle', id: TAXII_PAGE_BUNDLE_ID, objects: fields['objects'] });
}

const TAXII_PAGE_BUNDLE_ID = 'bundle--00000000-0000-4000-8000-000000000000';
