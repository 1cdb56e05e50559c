import type { EntityCatalog } from '@trustwatch/entities';
import {
  newsPublishedSchema,
  type AdvisoryPublished,
  type NewsClassified,
  type NewsPublished,
} from '@trustwatch/schemas';
import { ClaimLedger } from './credibility/claim-ledger.js';
import type { OutletDirectory } from './credibility/outlets.js';
import { IngestNewsError } from './errors.js';
import { parseCveRecord } from './parse/cve.js';
import { decodeBytes } from './parse/decode-bytes.js';
import { parseFeed, type RejectedItem } from './parse/feed.js';
import { htmlToText } from './parse/html-text.js';
import { parseStixBundle } from './parse/stix.js';
import { readJsonDocument } from './parse/untrusted-json.js';
import { classifyStory } from './understand/classify-story.js';
import { languageOf } from './understand/language.js';
import type { Lexicon } from './understand/lexicon.js';
import { stixDenials, type StixDenial } from './understand/stix-answers.js';
import { StoryDesk } from './understand/story-desk.js';

export type DocumentKind = 'feed' | 'stix' | 'cve' | 'html' | 'text';

/** Everything one document says, as `trustwatch news classify FILE` prints it. */
export interface DocumentReading {
  readonly kind: DocumentKind;
  readonly stories: readonly NewsClassified[];
  readonly advisories: readonly AdvisoryPublished[];
  readonly denials: readonly StixDenial[];
  readonly rejected: readonly RejectedItem[];
}

export interface DocumentInput {
  readonly bytes: Uint8Array;
  readonly contentType?: string;
  /** Where the document lives; a local file gets `https://file.invalid/<name>` (a reserved, unroutable host). */
  readonly url: string;
  /** Publication time for plain text and HTML, which carry none. */
  readonly now: string;
}

export interface DocumentDeps {
  readonly catalog: EntityCatalog;
  readonly lexicon: Lexicon;
  readonly outlets: OutletDirectory;
}

/**
 * Classifies one document of any supported kind, recognised by content rather than file name: a CVE
 * JSON 5 record, a STIX 2.1 bundle, an RSS or Atom feed, an HTML page or plain text. Stories in one
 * document are deduplicated and graded against each other only; the service keeps a ledger across
 * documents.
 */
export function classifyDocument(input: DocumentInput, deps: DocumentDeps): DocumentReading {
  const { text } = decodeBytes(input.bytes, input.contentType, input.url);
  const head = text.replace(/^\uFEFF/, '').trimStart();
  const none = { stories: [], advisories: [], denials: [], rejected: [] };
  if (head.startsWith('{')) {
    const json = readJsonDocument(text, { source: input.url });
    const type = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {};
    if (type['dataType'] === 'CVE_RECORD') {
      return {
        ...none,
        kind: 'cve',
        advisories: [parseCveRecord(text, deps.catalog, { source: input.url })],
      };
    }
    if (type['type'] === 'bundle') {
      const reading = parseStixBundle(text, { baseUrl: input.url });
      const stories = classifyAll(
        reading.reports.map((report) => report.article),
        deps,
      );
      return { ...none, kind: 'stix', stories, denials: stixDenials(reading, deps.lexicon) };
    }
    throw new IngestNewsError('FEED_UNRECOGNISED', 'JSON is neither a CVE record nor a STIX bundle', {
      source: input.url,
    });
  }
  // A non-HTML DOCTYPE goes to the feed parser, which refuses it, rather than being read as HTML.
  if (/^<(\?xml|rss|feed|!--|!doctype (?!html))/i.test(head)) {
    const feed = parseFeed({ bytes: input.bytes, feedUrl: input.url, ...contentType(input) });
    return { ...none, kind: 'feed', stories: classifyAll([...feed.articles], deps), rejected: feed.rejected };
  }
  const html = head.startsWith('<');
  const body = html ? htmlToText(text) : text.trim();
  const [firstLine = ''] = body.split('\n');
  const article = newsPublishedSchema.safeParse({
    url: input.url,
    outlet: new URL(input.url).hostname,
    title: firstLine.slice(0, 500),
    body: body.slice(0, 100_000),
    publishedAt: input.now,
    language: languageOf(body),
  });
  if (!article.success) {
    throw new IngestNewsError('FEED_UNRECOGNISED', 'document has no text to classify', { source: input.url });
  }
  return { ...none, kind: html ? 'html' : 'text', stories: classifyAll([article.data], deps) };
}

function classifyAll(articles: readonly NewsPublished[], deps: DocumentDeps): NewsClassified[] {
  const desk = new StoryDesk(deps.outlets);
  const ledger = new ClaimLedger();
  const sorted = [...articles].sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt));
  for (const article of sorted) desk.add(article);
  return desk
    .stories()
    .map((story) => classifyStory(story, { catalog: deps.catalog, lexicon: deps.lexicon, ledger }));
}

function contentType(input: DocumentInput): { contentType?: string } {
  return input.contentType === undefined ? {} : { contentType: input.contentType };
}
