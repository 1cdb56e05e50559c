import type { NewsClaim, NewsEntity, NewsPublished } from '@trustwatch/schemas';

/*
 * The news state's data, as `@trustwatch/ingest-news`'s NewsState port declares it (the service owns the
 * port and its contract suite; the store cannot import a service, so the shapes are repeated here and
 * checked structurally where the service passes this adapter as its port). `R` is the service's outlet
 * rating, stored as JSON and handed back unchanged.
 */

/** One outlet's copy of a story. */
export interface NewsStoryCopy<R> {
  readonly url: string;
  readonly canonicalUrl: string;
  readonly outletName: string;
  readonly rating: R;
  readonly publishedAt: string;
}

/** A story: one text, however many outlets carried it; the first copy is its origin. */
export interface NewsStory<R> {
  readonly storyId: string;
  readonly canonicalUrl: string;
  readonly title: string;
  readonly text: string;
  readonly language: string;
  readonly signature: Uint32Array;
  readonly copies: NewsStoryCopy<R>[];
}

export type NewsDeskOutcome<R> =
  | { readonly outcome: 'new'; readonly story: NewsStory<R> }
  | { readonly outcome: 'syndicated'; readonly story: NewsStory<R>; readonly similarity: number }
  | { readonly outcome: 'same-url'; readonly story: NewsStory<R> };

/** One story asserting one claim. */
export interface NewsAssertion {
  readonly storyId: string;
  readonly group: string;
  /** Order of recording across every instance sharing the state. */
  readonly seq: number;
}

/** The claim ledger's records about some entities. */
export interface NewsLedgerSlice {
  /** `entityId|kind` -> stories asserting it, in recording order. */
  readonly asserted: readonly (readonly [string, readonly NewsAssertion[]])[];
  /** Entity ids denied outright, and `entityId|kind` pairs a story denied. */
  readonly denied: readonly string[];
  /** Entity ids whose allegations a retraction or clearing audit answered. */
  readonly answered: readonly string[];
}

export type NewsRecordedClaim = Pick<NewsClaim, 'entityId' | 'kind' | 'stance'>;

/** What is remembered about a story once its classification went out. */
export interface NewsStoryRecord {
  readonly storyId: string;
  readonly group: string;
  readonly claims: readonly NewsRecordedClaim[];
  readonly subjects: readonly NewsEntity[];
  readonly copies: number;
}

/** What the desk stores of an article, computed by the service (canonical URL, MinHash, outlet rating). */
export interface ArticleFingerprint<R> {
  /** The id of the story the article would start. */
  readonly storyId: string;
  readonly canonicalUrl: string;
  readonly title: string;
  readonly text: string;
  readonly language: string;
  readonly signature: Uint32Array;
  /** LSH band names of the signature: stories sharing one are compared. */
  readonly bands: readonly string[];
  readonly copy: NewsStoryCopy<R>;
}

/**
 * The service's story and claim model, which the store applies but does not define: how an article is
 * fingerprinted, when two texts are one story, and what a story's claims write to the ledger.
 */
export interface NewsModel<R> {
  fingerprint(article: NewsPublished): ArticleFingerprint<R>;
  /** Estimated Jaccard similarity at or above which two texts are one story. */
  readonly nearDuplicateJaccard: number;
  /** The ledger entries one story's claims make, as a slice holding only that story. */
  ledgerWrites(storyId: string, group: string, claims: readonly NewsRecordedClaim[]): NewsLedgerSlice;
}

/** The service's NewsState port, on Redis. Each method is atomic on its own. */
export interface RedisNewsState<R> {
  addArticle(article: NewsPublished): Promise<NewsDeskOutcome<R>>;
  ledgerSlice(entityIds: readonly string[]): Promise<NewsLedgerSlice>;
  recordStory(record: NewsStoryRecord): Promise<void>;
  storyRecord(storyId: string): Promise<NewsStoryRecord | undefined>;
}
