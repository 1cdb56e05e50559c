import { createMemoryBus } from '@trustwatch/bus';
import type { NewsPublished } from '@trustwatch/schemas';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLog, startNewsHarness, waitFor, type NewsHarness } from '../test-support/news-harness.js';
import { redisNewsFixture } from '../test-support/redis-news.js';

const fixture = redisNewsFixture();
const harnesses: NewsHarness[] = [];
afterAll(async () => {
  for (const harness of harnesses) await harness.stop();
  await fixture.cleanup();
});

const BODY =
  'Tiny chips were implanted on Super Micro motherboards during manufacturing in China, according to people familiar with the investigation. About 30 companies were affected.';
const article = (url: string, outlet: string, body = BODY): NewsPublished => ({
  url,
  outlet,
  title: 'Tiny chips implanted on Super Micro motherboards',
  body,
  publishedAt: '2018-10-04T09:00:00Z',
  language: 'en',
});

/** Ingest instances on one bus, each with its own Redis client on one shared news state. */
async function instances(count: number, prefix: string): Promise<NewsHarness[]> {
  const bus = createMemoryBus({ logger: silentLog });
  const started: NewsHarness[] = [];
  for (let i = 0; i < count; i += 1) {
    const state = fixture.state(await fixture.client(), prefix);
    started.push(await startNewsHarness({ bus, state, groupPrefix: `instance-${String(i)}` }));
  }
  harnesses.push(...started);
  return started;
}

describe('two ingest instances sharing the Redis news state', () => {
  it('classify a story once whichever instance sees each copy first', async () => {
    const [a, b] = await instances(2, fixture.prefix());
    if (a === undefined || b === undefined) throw new Error('two instances expected');
    const origin = article('https://bizweek.example/chips', 'Bizweek');
    const copy = article('https://wirewire.example/chips', 'Wire', `${BODY} Distributed by Wire.`);
    const outcomes = [
      await a.ingest.flow.ingestArticle(origin),
      await b.ingest.flow.ingestArticle({ ...origin, url: `${origin.url}?utm_source=rss` }),
      await b.ingest.flow.ingestArticle(copy),
      await a.ingest.flow.ingestArticle(copy),
    ];
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'published',
      'duplicate',
      'published',
      'duplicate',
    ]);
    // A's watcher sees everything either instance published on the shared bus.
    await waitFor('two classifications', () => a.classified.length >= 2);
    expect(a.classified.map((seen) => seen.data.urls.length)).toEqual([1, 2]);
    expect(new Set(a.classified.map((seen) => seen.data.storyId)).size).toBe(1);
  });

  it('grade a story against claims the other instance recorded', async () => {
    const [a, b] = await instances(2, fixture.prefix());
    if (a === undefined || b === undefined) throw new Error('two instances expected');
    await a.ingest.flow.ingestArticle(article('https://bizweek.example/chips', 'Bizweek'));
    await b.ingest.flow.ingestArticle(
      article(
        'https://techdaily.example/implants',
        'Tech Daily',
        'Investigators say tiny chips were implanted on Super Micro motherboards, Tech Daily has learned from its own sources.',
      ),
    );
    await waitFor('two classifications', () => a.classified.length >= 2);
    expect(a.classified.map((seen) => seen.data.credibility.independentOutlets)).toEqual([1, 2]);
  });

  it('collapse copies they ingest at the same moment into one story with one event per copy count', async () => {
    const [a, b] = await instances(2, fixture.prefix());
    if (a === undefined || b === undefined) throw new Error('two instances expected');
    const origin = article('https://bizweek.example/chips', 'Bizweek');
    const copy = article('https://wirewire.example/chips', 'Wire', `${BODY} Distributed by Wire.`);
    // The desk orders the racing adds; an instance that loses the race to the story's record may still
    // publish, but under the same event id (story id + copy count), which consumers deduplicate.
    await Promise.all([
      a.ingest.flow.ingestArticle(origin),
      b.ingest.flow.ingestArticle(origin),
      b.ingest.flow.ingestArticle(copy),
      a.ingest.flow.ingestArticle(copy),
    ]);
    await waitFor('the two-copy classification', () =>
      a.classified.some((seen) => seen.data.urls.length === 2),
    );
    expect(new Set(a.classified.map((seen) => seen.data.storyId)).size).toBe(1);
    expect(new Set(a.classified.map((seen) => seen.id)).size).toBeLessThanOrEqual(2);
  });

  it('remember every story after both instances restart', async () => {
    const prefix = fixture.prefix();
    const [first] = await instances(1, prefix);
    await first?.ingest.flow.ingestArticle(article('https://bizweek.example/chips', 'Bizweek'));
    await first?.stop();
    harnesses.splice(harnesses.indexOf(first as NewsHarness), 1);
    const [restarted] = await instances(1, prefix);
    const again = await restarted?.ingest.flow.ingestArticle(
      article('https://bizweek.example/chips', 'Bizweek'),
    );
    expect(again?.status).toBe('duplicate');
  });
});
