import { stableId, type NewsClaim, type NewsEntity, type NewsPublished } from '@trustwatch/schemas';
import { ClaimLedger, type LedgerSlice } from '../credibility/claim-ledger.js';
import type { OutletDirectory, OutletRating } from '../credibility/outlets.js';
import { canonicalUrl } from '../understand/canonical-url.js';
import { bands, minhash, NEAR_DUPLICATE_JACCARD } from '../understand/minhash.js';
import {
  StoryDesk,
  storyText,
  type DeskOutcome,
  type Story,
  type StoryCopy,
} from '../understand/story-desk.js';

/** What the service remembers about a story once its classification went out. */
export interface StoryRecord {
  readonly storyId: string;
  /** Independence group of the story's origin outlet. */
  readonly group: string;
  readonly claims: readonly Pick<NewsClaim, 'entityId' | 'kind' | 'stance'>[];
  /** Entities the story is about: what a later denial of the story answers for. */
  readonly subjects: readonly NewsEntity[];
  /** Copies the published classification listed; a new syndicated copy means publishing again. */
  readonly copies: number;
}

/**
 * The service's shared memory: the story desk (which URLs and texts were seen, which outlets carried
 * each story) and the claim ledger (who claimed what about whom). Every instance must see the same
 * state and it must outlive restarts, so production needs a shared adapter; the memory adapter serves
 * the embedded mode and tests. Each method is atomic on its own.
 */
export interface NewsState {
  /** Adds an article to the desk: a new story, a syndicated copy of one, or a URL already seen. */
  addArticle(article: NewsPublished): Promise<DeskOutcome>;
  /** The ledger's records about these entities, to grade a story against. */
  ledgerSlice(entityIds: readonly string[]): Promise<LedgerSlice>;
  /** Records a story's claims and subjects after its classification was published; idempotent per story. */
  recordStory(record: StoryRecord): Promise<void>;
  /** What was recorded for a story, or undefined when its classification never went out. */
  storyRecord(storyId: string): Promise<StoryRecord | undefined>;
}

/** A snapshot of a story, so callers never hold the desk's live object. */
function copyOf(story: Story): Story {
  return { ...story, copies: [...story.copies] };
}

/** The in-process {@link NewsState}: one desk and one ledger in memory, lost on restart. */
export function createMemoryNewsState(outlets: OutletDirectory): NewsState {
  const desk = new StoryDesk(outlets);
  const ledger = new ClaimLedger();
  const records = new Map<string, StoryRecord>();
  return {
    addArticle(article) {
      const outcome = desk.add(article);
      return Promise.resolve({ ...outcome, story: copyOf(outcome.story) });
    },
    ledgerSlice(entityIds) {
      return Promise.resolve(ledger.slice(entityIds));
    },
    recordStory(record) {
      ledger.record(record.storyId, record.group, record.claims);
      const known = records.get(record.storyId);
      if (known === undefined || known.copies <= record.copies) records.set(record.storyId, record);
      return Promise.resolve();
    },
    storyRecord(storyId) {
      return Promise.resolve(records.get(storyId));
    },
  };
}

/** What a shared adapter stores of an article: computed here, so the store needs no text model. */
export interface ArticleFingerprint {
  readonly storyId: string;
  readonly canonicalUrl: string;
  readonly title: string;
  readonly text: string;
  readonly language: string;
  readonly signature: Uint32Array;
  readonly bands: readonly string[];
  readonly copy: StoryCopy;
}

/**
 * The desk's and ledger's rules as a shared adapter (`createRedisNewsState` in `@trustwatch/store`)
 * applies them: the same canonical URL, story id, MinHash bands and threshold as {@link StoryDesk}, and
 * the ledger entries {@link ClaimLedger} would record for one story.
 */
export function newsModel(outlets: OutletDirectory): {
  fingerprint(article: NewsPublished): ArticleFingerprint;
  readonly nearDuplicateJaccard: number;
  ledgerWrites(storyId: string, group: string, claims: StoryRecord['claims']): LedgerSlice;
} {
  return {
    fingerprint(article) {
      const canonical = canonicalUrl(article.url);
      const text = storyText(article);
      const signature = minhash(text);
      const rating: OutletRating = outlets.rate(article.url);
      return {
        storyId: stableId('story', canonical),
        canonicalUrl: canonical,
        title: article.title,
        text,
        language: article.language,
        signature,
        bands: bands(signature),
        copy: {
          url: article.url,
          canonicalUrl: canonical,
          outletName: article.outlet,
          rating,
          publishedAt: article.publishedAt,
        },
      };
    },
    nearDuplicateJaccard: NEAR_DUPLICATE_JACCARD,
    ledgerWrites(storyId, group, claims) {
      const ledger = new ClaimLedger();
      ledger.record(storyId, group, claims);
      return ledger.slice(claims.map((claim) => claim.entityId));
    },
  };
}
