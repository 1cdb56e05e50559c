import type { EventHandler } from '@trustwatch/bus';
import type { NewsFlow } from './news-flow.js';

/**
 * The `news.published` consumer: each valid article goes through the flow. The bus runner has already
 * decoded and validated the record (bad ones are dead-lettered before this runs); a classification
 * failure is not retriable and dead-letters too, a publish failure is retried.
 */
export function createNewsPublishedHandler(flow: NewsFlow): EventHandler {
  return async (event) => {
    if (event.type !== 'com.trustwatch.news.published.v1') {
      return { status: 'skipped', reason: `unexpected event type ${event.type}` };
    }
    const outcome = await flow.ingestArticle(event.data);
    return outcome.status === 'duplicate'
      ? { status: 'skipped', reason: 'article already classified' }
      : { status: 'done' };
  };
}
