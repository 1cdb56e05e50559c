import { canonicalHost, httpUrlSchema, newsPublishedSchema, type NewsPublished } from '@trustwatch/schemas';
import { IngestNewsError } from '../errors.js';
import { languageOf } from '../understand/language.js';
import { decodeBytes } from './decode-bytes.js';
import { htmlToText, looksLikeHtml } from './html-text.js';
import { attributeOf, parseXml, textOf } from './safe-xml.js';

/** Largest feed document accepted; big news feeds are a few hundred KiB. */
export const DEFAULT_MAX_FEED_BYTES = 5 * 1024 * 1024;
const MAX_BODY_CHARS = 100_000;
const MAX_SUMMARY_CHARS = 5000;

/** One item the feed carried that could not become an article, and why; the others still flow. */
export interface RejectedItem {
  readonly index: number;
  readonly reason: string;
}

export interface ParsedFeed {
  readonly format: 'rss' | 'atom';
  readonly title: string | undefined;
  readonly articles: readonly NewsPublished[];
  readonly rejected: readonly RejectedItem[];
}

export interface FeedInput {
  readonly bytes: Uint8Array;
  /** The HTTP Content-Type, whose charset parameter wins over the XML declaration. */
  readonly contentType?: string;
  readonly feedUrl?: string;
  readonly maxBytes?: number;
}

/** Raw fields of one item before validation; shared by the RSS and Atom readers. */
interface RawItem {
  url: string | undefined;
  title: string | undefined;
  published: string | undefined;
  summaryHtml: string | undefined;
  bodyHtml: string | undefined;
  language: string | undefined;
}

/**
 * Parses an RSS 2.0 or Atom 1.0 document into `news.published` data. The size limit is checked
 * before decoding, the charset is honoured (or refused), DTDs are refused, and HTML is sanitised to
 * text. One bad item is reported in `rejected`; it does not sink the feed.
 */
export function parseFeed(input: FeedInput): ParsedFeed {
  const where = input.feedUrl === undefined ? {} : { source: input.feedUrl };
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_FEED_BYTES;
  if (input.bytes.byteLength > maxBytes) {
    throw new IngestNewsError(
      'FEED_TOO_LARGE',
      `feed is ${input.bytes.byteLength} bytes, limit ${maxBytes}`,
      where,
    );
  }
  const { text } = decodeBytes(input.bytes, input.contentType, input.feedUrl);
  const root = parseXml(text, input.feedUrl);
  const rss = asRecord(root['rss']);
  const atom = asRecord(root['feed']);
  if (rss !== undefined) {
    const channel = asRecord(rss['channel']) ?? {};
    const title = textOf(channel['title']);
    const language = textOf(channel['language']);
    const items = asArray(channel['item']).map((item) => rssItem(asRecord(item) ?? {}, language));
    return { format: 'rss', title, ...validate(items, title, input.feedUrl) };
  }
  if (atom !== undefined) {
    const title = textOf(atom['title']);
    const language = attributeOf(atom, 'xml:lang');
    const entries = asArray(atom['entry']).map((entry) => atomEntry(asRecord(entry) ?? {}, language));
    return { format: 'atom', title, ...validate(entries, title, input.feedUrl) };
  }
  throw new IngestNewsError('FEED_UNRECOGNISED', 'document is neither RSS 2.0 nor Atom', where);
}

function rssItem(item: Record<string, unknown>, language: string | undefined): RawItem {
  return {
    url: textOf(item['link']) ?? permalinkGuid(item['guid']),
    title: textOf(item['title']),
    published: textOf(item['pubDate']) ?? textOf(item['dc:date']),
    summaryHtml: textOf(item['description']),
    bodyHtml: textOf(item['content:encoded']),
    language: textOf(item['dc:language']) ?? language,
  };
}

function permalinkGuid(guid: unknown): string | undefined {
  const value = textOf(guid);
  return attributeOf(guid, 'isPermaLink') === 'false' ? undefined : value;
}

function atomEntry(entry: Record<string, unknown>, language: string | undefined): RawItem {
  const links = asArray(entry['link']);
  const alternate =
    links.find((link) => (attributeOf(link, 'rel') ?? 'alternate') === 'alternate') ?? links[0];
  return {
    url: attributeOf(alternate, 'href'),
    title: textOf(entry['title']),
    published: textOf(entry['published']) ?? textOf(entry['updated']),
    summaryHtml: textOf(entry['summary']),
    bodyHtml: textOf(entry['content']),
    language: attributeOf(entry, 'xml:lang') ?? language,
  };
}

function validate(
  items: readonly RawItem[],
  feedTitle: string | undefined,
  feedUrl: string | undefined,
): { articles: NewsPublished[]; rejected: RejectedItem[] } {
  const articles: NewsPublished[] = [];
  const rejected: RejectedItem[] = [];
  items.forEach((raw, index) => {
    const article = toArticle(raw, feedTitle, feedUrl);
    const parsed = newsPublishedSchema.safeParse(article);
    if (parsed.success) articles.push(parsed.data);
    else
      rejected.push({
        index,
        reason: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
      });
  });
  return { articles, rejected };
}

function toArticle(
  raw: RawItem,
  feedTitle: string | undefined,
  feedUrl: string | undefined,
): Record<string, unknown> {
  const summary = plain(raw.summaryHtml)?.slice(0, MAX_SUMMARY_CHARS);
  const body = plain(raw.bodyHtml)?.slice(0, MAX_BODY_CHARS);
  const title = plain(raw.title)?.slice(0, 500);
  const url = raw.url?.trim();
  return {
    url,
    outlet: feedTitle ?? hostOf(url) ?? hostOf(feedUrl),
    title,
    ...(body === undefined ? {} : { body }),
    ...(summary === undefined ? {} : { summary }),
    publishedAt: instant(raw.published),
    language: languageOf(`${title ?? ''}. ${body ?? summary ?? ''}`, raw.language),
    // A feed on an address the event schema does not take as a public link (an IP literal, an intranet
    // name) is left unnamed rather than sinking every article it carries.
    ...(feedUrl === undefined || !httpUrlSchema.safeParse(feedUrl).success ? {} : { feedUrl }),
  };
}

function plain(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const result = looksLikeHtml(text) ? htmlToText(text) : text.trim();
  return result === '' ? undefined : result;
}

/** RFC 822 (RSS) and RFC 3339 (Atom) dates to an ISO instant in UTC; undefined when unreadable. */
function instant(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return canonicalHost(url);
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
