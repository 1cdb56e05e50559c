import type { EntityCatalog } from '@trustwatch/entities';
import {
  ClaimLedger,
  classifyStory,
  loadLexicon,
  StoryDesk,
  type OutletDirectory,
} from '@trustwatch/ingest-news';
import { createEvent, newsPublishedSchema, type TrustwatchEvent } from '@trustwatch/schemas';
import { CliError } from '../errors.js';

const SOURCE = 'trustwatch://demo/ingest-news';

/**
 * Classifies the demo's articles the way the news ingester does: one story desk (so syndicated copies
 * fold into one story) and one claim ledger (so a denial is linked to the allegation it answers) across
 * the whole timeline. Returns a function from an article to its `news.classified` event, or null for a
 * copy of a story already seen.
 */
export function createNewsReader(
  catalog: EntityCatalog,
  outlets: OutletDirectory,
): (article: unknown) => TrustwatchEvent | null {
  const desk = new StoryDesk(outlets);
  const deps = { catalog, lexicon: loadLexicon(), ledger: new ClaimLedger() };
  return (input) => {
    const parsed = newsPublishedSchema.safeParse(input);
    if (!parsed.success) {
      throw new CliError(
        'DEMO_DATA_INVALID',
        `a news step of timeline.json is not a news article: ${parsed.error.issues[0]?.message ?? ''}`,
        'restore demo-data/timeline.json from the repository',
      );
    }
    const outcome = desk.add(parsed.data);
    if (outcome.outcome !== 'new') return null;
    const data = classifyStory(outcome.story, deps);
    return createEvent({
      type: 'com.trustwatch.news.classified.v1',
      source: SOURCE,
      id: data.storyId,
      time: data.publishedAt,
      data,
    });
  };
}
