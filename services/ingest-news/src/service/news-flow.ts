import type { EventBus } from '@trustwatch/bus';
import type { EntityCatalog } from '@trustwatch/entities';
import { isRetriable, type NewsClassified, type NewsPublished } from '@trustwatch/schemas';
import { ClaimLedger } from '../credibility/claim-ledger.js';
import type { OutletDirectory } from '../credibility/outlets.js';
import { IngestNewsError } from '../errors.js';
import { classifyStory } from '../understand/classify-story.js';
import type { Lexicon } from '../understand/lexicon.js';
import type { StixDenial } from '../understand/stix-answers.js';
import { denialStory } from './denial-story.js';
import { advisoryEvent, classifiedEvent } from './events.js';
import type { NewsState } from './news-state.js';
import type { SourceReading } from './read-source.js';

export interface NewsFlowDeps {
  readonly bus: EventBus;
  readonly state: NewsState;
  readonly catalog: EntityCatalog;
  readonly lexicon: Lexicon;
  readonly outlets: OutletDirectory;
  /** ISO-8601 now, injected so tests are deterministic. */
  readonly now: () => string;
  readonly log: { warn(fields: object, message: string): void };
}

/** What one article came to. */
export type ArticleOutcome =
  | {
      readonly status: 'published';
      readonly desk: 'new' | 'syndicated' | 'same-url';
      readonly storyId: string;
    }
  | { readonly status: 'duplicate'; readonly storyId: string };

/** Counters of a running flow, for health pages and tests. */
export interface FlowCounts {
  classified: number;
  syndicated: number;
  duplicates: number;
  advisories: number;
  denials: number;
  unansweredDenials: number;
  /** Articles of a polled or imported source skipped because they cannot be classified. */
  unclassifiable: number;
}

/**
 * The one path every article takes, polled or consumed from `news.published`: story desk (URL dedupe,
 * syndication collapse) -> classification graded against the shared ledger -> `news.classified`.
 * The state is written after the publish, so a crash in between republishes (downstream dedupes by
 * event id) rather than losing the story.
 */
export class NewsFlow {
  readonly counts: FlowCounts = {
    classified: 0,
    syndicated: 0,
    duplicates: 0,
    advisories: 0,
    denials: 0,
    unansweredDenials: 0,
    unclassifiable: 0,
  };
  readonly #deps: NewsFlowDeps;

  constructor(deps: NewsFlowDeps) {
    this.#deps = deps;
  }

  /** Dedupes, classifies and publishes one article. Rejects retriably when publishing fails. */
  async ingestArticle(article: NewsPublished): Promise<ArticleOutcome> {
    const { state, bus } = this.#deps;
    const desk = await state.addArticle(article);
    const story = desk.story;
    const copies = story.copies.length;
    if (desk.outcome === 'same-url') {
      const known = await state.storyRecord(story.storyId);
      if (known !== undefined && known.copies >= copies) {
        this.counts.duplicates += 1;
        return { status: 'duplicate', storyId: story.storyId };
      }
    }
    const classified = await this.#classify(story, article.url);
    await bus.publish('news.classified', [classifiedEvent(classified, copies, this.#deps.now())]);
    await state.recordStory({
      storyId: story.storyId,
      group: story.copies[0]?.rating.group ?? classified.canonicalUrl,
      claims: classified.claims,
      subjects: classified.entities.filter((entity) => entity.role === 'subject'),
      copies,
    });
    this.counts.classified += 1;
    if (desk.outcome === 'syndicated') this.counts.syndicated += 1;
    return { status: 'published', desk: desk.outcome, storyId: story.storyId };
  }

  /**
   * Publishes each STIX denial as a story answering the stories it disputes, on behalf of their
   * subjects. A denial of a story never classified here is counted and dropped: it has no entity to
   * route to.
   */
  async ingestDenials(denials: readonly StixDenial[], sourceUrl: string): Promise<void> {
    for (const denial of denials) {
      const answered = [];
      for (const storyId of denial.answersStoryIds) {
        const record = await this.#deps.state.storyRecord(storyId);
        if (record !== undefined && record.subjects.length > 0) answered.push(record);
      }
      if (answered.length === 0) {
        this.counts.unansweredDenials += 1;
        continue;
      }
      let story: NewsClassified;
      try {
        story = denialStory(denial, answered, sourceUrl, this.#deps.outlets);
      } catch (cause) {
        // Deterministic: the same answer from the same source never makes a valid story.
        this.counts.unclassifiable += 1;
        this.#deps.log.warn({ answerId: denial.answerId, source: sourceUrl, err: cause }, 'denial skipped');
        continue;
      }
      await this.#deps.bus.publish('news.classified', [classifiedEvent(story, 1, this.#deps.now())]);
      await this.#deps.state.recordStory({
        storyId: story.storyId,
        group: story.outlets[0]?.name ?? sourceUrl,
        claims: story.claims,
        subjects: [],
        copies: 1,
      });
      this.counts.denials += 1;
    }
  }

  /** Everything one source carried: articles first, so the denials of a bundle find its reports. */
  async ingestReading(reading: SourceReading, sourceUrl: string): Promise<void> {
    for (const article of reading.articles) {
      try {
        await this.ingestArticle(article);
      } catch (error) {
        // One bad item must not sink its source; a retriable failure (the bus) fails the whole source so
        // it is fetched again with its old validators.
        if (isRetriable(error)) throw error;
        this.counts.unclassifiable += 1;
        this.#deps.log.warn({ url: article.url, err: error }, 'article skipped');
      }
    }
    if (reading.advisories.length > 0) {
      const now = this.#deps.now();
      await this.#deps.bus.publish(
        'advisory.published',
        reading.advisories.map((advisory) => advisoryEvent(advisory, now)),
      );
      this.counts.advisories += reading.advisories.length;
    }
    await this.ingestDenials(reading.denials, sourceUrl);
  }

  async #classify(story: Parameters<typeof classifyStory>[0], source: string): Promise<NewsClassified> {
    const { catalog, lexicon, state } = this.#deps;
    // Cheaper than a full reading: the mentions are exactly the entities a claim can be about.
    const entityIds = [...new Set(catalog.matchMentions(story.text).map((mention) => mention.entityId))];
    const ledger = ClaimLedger.fromSlice(await state.ledgerSlice(entityIds));
    try {
      return classifyStory(story, { catalog, lexicon, ledger });
    } catch (cause) {
      throw new IngestNewsError('STORY_UNCLASSIFIABLE', 'article could not be classified', { source, cause });
    }
  }
}
