import { stableId, type NewsPublished } from '@trustwatch/schemas';
import type { OutletDirectory, OutletRating } from '../credibility/outlets.js';
import { canonicalUrl } from './canonical-url.js';
import { bands, minhash, NEAR_DUPLICATE_JACCARD, similarity } from './minhash.js';

/** One outlet's copy of a story. */
export interface StoryCopy {
  readonly url: string;
  readonly canonicalUrl: string;
  /** The outlet as the feed named it. */
  readonly outletName: string;
  readonly rating: OutletRating;
  readonly publishedAt: string;
}

/** A story: one text, however many outlets carried it. The first copy seen is its origin. */
export interface Story {
  readonly storyId: string;
  readonly canonicalUrl: string;
  readonly title: string;
  readonly text: string;
  readonly language: string;
  readonly signature: Uint32Array;
  readonly copies: StoryCopy[];
}

export type DeskOutcome =
  | { readonly outcome: 'new'; readonly story: Story }
  | { readonly outcome: 'syndicated'; readonly story: Story; readonly similarity: number }
  | { readonly outcome: 'same-url'; readonly story: Story };

/** The text a story is fingerprinted and classified on: the headline, then the body or summary. */
export function storyText(article: NewsPublished): string {
  return [article.title, article.body ?? article.summary ?? ''].join('\n').trim();
}

/**
 * Collapses articles into stories: the same canonical URL is one article, and near-duplicate text
 * (MinHash Jaccard estimate at least {@link NEAR_DUPLICATE_JACCARD}) is one story syndicated by several outlets, which
 * keeps every outlet and URL that carried it. In-memory and pure apart from its own state; the service
 * persists what it needs.
 */
export class StoryDesk {
  private readonly byUrl = new Map<string, Story>();
  private readonly byBand = new Map<string, Story[]>();
  private readonly outlets: OutletDirectory;

  constructor(outlets: OutletDirectory) {
    this.outlets = outlets;
  }

  /** Adds an article and says whether it started a story, joined one, or was already known. */
  add(article: NewsPublished): DeskOutcome {
    const canonical = canonicalUrl(article.url);
    const known = this.byUrl.get(canonical);
    if (known !== undefined) return { outcome: 'same-url', story: known };

    const text = storyText(article);
    const signature = minhash(text);
    const copy: StoryCopy = {
      url: article.url,
      canonicalUrl: canonical,
      outletName: article.outlet,
      rating: this.outlets.rate(article.url),
      publishedAt: article.publishedAt,
    };
    const near = this.nearest(signature);
    if (near !== undefined) {
      near.story.copies.push(copy);
      this.byUrl.set(canonical, near.story);
      return { outcome: 'syndicated', story: near.story, similarity: near.similarity };
    }
    const story: Story = {
      storyId: stableId('story', canonical),
      canonicalUrl: canonical,
      title: article.title,
      text,
      language: article.language,
      signature,
      copies: [copy],
    };
    this.byUrl.set(canonical, story);
    for (const band of bands(signature)) this.byBand.set(band, [...(this.byBand.get(band) ?? []), story]);
    return { outcome: 'new', story };
  }

  /** Every story so far, in the order they were first seen. */
  stories(): Story[] {
    return [...new Set(this.byUrl.values())];
  }

  private nearest(signature: Uint32Array): { story: Story; similarity: number } | undefined {
    let best: { story: Story; similarity: number } | undefined;
    for (const band of bands(signature)) {
      for (const story of this.byBand.get(band) ?? []) {
        const score = similarity(signature, story.signature);
        if (score >= NEAR_DUPLICATE_JACCARD && (best === undefined || score > best.similarity)) {
          best = { story, similarity: score };
        }
      }
    }
    return best;
  }
}
