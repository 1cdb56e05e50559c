// Public API of the news ingest: feed, STIX and CVE parsing; story understanding; credibility.
export * from './errors.js';
export { decodeBytes, type CharsetSource, type DecodedText } from './parse/decode-bytes.js';
export { assertNoDtd, parseXml } from './parse/safe-xml.js';
export { htmlToText } from './parse/html-text.js';
export {
  parseFeed,
  DEFAULT_MAX_FEED_BYTES,
  type FeedInput,
  type ParsedFeed,
  type RejectedItem,
} from './parse/feed.js';
export { canonicalUrl } from './understand/canonical-url.js';
export { minhash, similarity, shingles, NEAR_DUPLICATE_JACCARD, MINHASH_SIZE } from './understand/minhash.js';
export { languageOf, primaryLanguage } from './understand/language.js';
export { splitSentences, type Sentence, type WordToken } from './understand/text.js';
export { compileLexicon, lexiconFileSchema, type Lexicon, type LexiconFile } from './understand/lexicon.js';
export {
  classifyClause,
  claimsOfSentence,
  type ClauseClaim,
  type SentenceClaim,
  type SentenceMention,
} from './understand/classify-claims.js';
export {
  StoryDesk,
  storyText,
  type DeskOutcome,
  type Story,
  type StoryCopy,
} from './understand/story-desk.js';
export {
  classifyStory,
  readStory,
  type StoryClassifierDeps,
  type StoryReading,
} from './understand/classify-story.js';
export {
  createOutletDirectory,
  outletTableSchema,
  type OutletDirectory,
  type OutletRating,
  type OutletTable,
} from './credibility/outlets.js';
export { gradeStory, ANSWER_KINDS, type CorroborationView } from './credibility/grade.js';
export { ClaimLedger, type Assertion, type LedgerSlice } from './credibility/claim-ledger.js';
export {
  loadLexicon,
  loadOutletDirectory,
  DEFAULT_LEXICON_PATH,
  DEFAULT_OUTLETS_PATH,
} from './data-files.js';
export {
  classifyDocument,
  type DocumentDeps,
  type DocumentInput,
  type DocumentKind,
  type DocumentReading,
} from './classify-document.js';
export {
  parseStixBundle,
  type StixAnswer,
  type StixOptions,
  type StixReading,
  type StixReport,
} from './parse/stix.js';
export { stixDenials, type StixDenial } from './understand/stix-answers.js';
export { parseCveRecord } from './parse/cve.js';
export { readJsonDocument, DEFAULT_MAX_DOCUMENT_BYTES } from './parse/untrusted-json.js';
export {
  fetchFeed,
  DEFAULT_FETCH_TIMEOUT_MS,
  type FeedValidators,
  type FetchFeedOptions,
  type FetchOutcome,
} from './parse/fetch-feed.js';
export {
  afterFailure,
  afterSuccess,
  newFeedState,
  DEFAULT_BACKOFF,
  type BackoffPolicy,
  type FeedState,
} from './parse/feed-schedule.js';
export { parseRetryAfter } from './parse/retry-after.js';
export {
  isTaxiiAnswer,
  readTaxiiCollection,
  taxiiRequestUrl,
  MAX_TAXII_PAGES,
  type TaxiiCollectionRead,
} from './service/taxii-collection.js';
export {
  startNewsIngest,
  type NewsIngest,
  type NewsIngestMetrics,
  type NewsIngestOptions,
} from './embedded.js';
export { NewsFlow, type ArticleOutcome, type FlowCounts, type NewsFlowDeps } from './service/news-flow.js';
export { createNewsPublishedHandler } from './service/news-handler.js';
export { createMemoryNewsState, newsModel, type NewsState, type StoryRecord } from './service/news-state.js';
export {
  FeedPoller,
  type FeedPollerOptions,
  type FeedSpec,
  type PollRound,
  type PollerLog,
} from './service/feed-poller.js';
export { feedsFileSchema, parseFeedsFile } from './service/feeds-file.js';
export { readSource, type SourceDocument, type SourceReading } from './service/read-source.js';
export { denialStory } from './service/denial-story.js';
export { advisoryEvent, classifiedEvent, publishedEvent, INGEST_NEWS_SOURCE } from './service/events.js';
export { loadNewsConfig, newsSection, type NewsConfig } from './config.js';
export { startNewsService, type NewsServiceOptions, type StartedNewsService } from './start-service.js';
