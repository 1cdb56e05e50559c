import {
  createEvent,
  stableId,
  type AdvisoryPublished,
  type EventOf,
  type NewsClassified,
  type NewsPublished,
} from '@trustwatch/schemas';
import { canonicalUrl } from '../understand/canonical-url.js';

/** CloudEvents `source` of everything the service publishes. */
export const INGEST_NEWS_SOURCE = 'trustwatch://ingest-news';

/**
 * A story's classification. The id names the story and how many copies it had, so a redelivery of the
 * same state is deduplicated downstream while a new syndicated copy (more outlets, maybe a better
 * grade) goes out as a new event.
 */
export function classifiedEvent(
  story: NewsClassified,
  copies: number,
  now: string,
): EventOf<'com.trustwatch.news.classified.v1'> {
  return createEvent({
    type: 'com.trustwatch.news.classified.v1',
    source: INGEST_NEWS_SOURCE,
    id: stableId('news-classified', story.storyId, copies),
    time: now,
    subject: story.storyId,
    data: story,
  });
}

/** An advisory; the id is the record's content, so an updated CVE record is a new event and a re-import is not. */
export function advisoryEvent(
  advisory: AdvisoryPublished,
  now: string,
): EventOf<'com.trustwatch.advisory.published.v1'> {
  return createEvent({
    type: 'com.trustwatch.advisory.published.v1',
    source: INGEST_NEWS_SOURCE,
    id: stableId('advisory', JSON.stringify(advisory)),
    time: now,
    subject: advisory.advisoryId,
    data: advisory,
  });
}

/** An article as other systems publish it on `news.published` (tests and replay tools use it too). */
export function publishedEvent(article: NewsPublished): EventOf<'com.trustwatch.news.published.v1'> {
  return createEvent({
    type: 'com.trustwatch.news.published.v1',
    source: INGEST_NEWS_SOURCE,
    id: stableId('news-published', canonicalUrl(article.url)),
    time: article.publishedAt,
    data: article,
  });
}
