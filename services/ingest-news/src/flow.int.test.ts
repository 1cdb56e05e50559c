import { createKafkaBus, DLQ_HEADERS, type EventBus } from '@trustwatch/bus';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './test-support/deps.js';
import { startFeedServer, type FeedServer } from './test-support/feed-server.js';
import {
  articleRecord,
  silentLog,
  startNewsHarness,
  waitFor,
  type NewsHarness,
} from './test-support/news-harness.js';

// Consumer groups join in seconds on a real broker; every wait below allows for that.
const KAFKA_WAIT_MS = 60_000;

describe('news ingest on the real Kafka broker', () => {
  let bus: EventBus;
  let server: FeedServer;
  let harness: NewsHarness;

  beforeAll(async () => {
    const { kafkaBrokers } = integrationTargets();
    bus = createKafkaBus({
      brokers: kafkaBrokers,
      clientId: uniqueName('ingest-news-test'),
      namespace: `${uniqueName('news')}.`,
      logger: silentLog,
    });
    server = await startFeedServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(fixture('bizweek.rss.xml'));
    });
    harness = await startNewsHarness({
      bus,
      groupPrefix: uniqueName('news'),
      feeds: [{ url: server.url, intervalMs: 60_000, outlet: 'Business Weekly' }],
    });
  }, 120_000);

  afterAll(async () => {
    await harness.stop();
    await server.close();
    await bus.deleteTopics();
    await bus.close();
  }, 120_000);

  it('turns a polled feed item into a news.classified record keyed by its subject', async () => {
    const round = await harness.ingest.poller.pollOnce();
    expect(round.fetched).toEqual([server.url]);
    await waitFor(
      'the big hack story',
      () => harness.classified.some((seen) => seen.key === 'vendor:supermicro'),
      KAFKA_WAIT_MS,
    );
    const story = harness.classified.find((seen) => seen.key === 'vendor:supermicro');
    expect(story?.data.claims).toContainEqual(
      expect.objectContaining({
        entityId: 'vendor:supermicro',
        kind: 'backdoor_allegation',
        stance: 'asserts',
      }),
    );
    expect(story?.data.outlets.map((outlet) => outlet.name)).toEqual(['Business Weekly (fixture)']);
  }, 120_000);

  it('dead-letters a poison news.published record while the next one flows', async () => {
    const article = {
      url: `https://techdaily.example/${uniqueName('story')}`,
      outlet: 'Tech Daily',
      title: 'Auditors found no malicious chips on Super Micro boards',
      body: 'An audit by a third-party firm found no evidence of malicious hardware on Super Micro motherboards.',
      publishedAt: '2018-12-11T10:00:00Z',
      language: 'en',
    };
    const poison = articleRecord(article);
    poison.value = Buffer.from('{"url":');
    await bus.publishRaw('news.published', [poison, articleRecord(article)]);
    await waitFor('the dead letter', () => harness.deadLetters.length === 1, KAFKA_WAIT_MS);
    await waitFor(
      'the next article',
      () => harness.classified.some((seen) => seen.data.canonicalUrl === article.url),
      KAFKA_WAIT_MS,
    );
    expect(harness.deadLetters[0]?.headers[DLQ_HEADERS.reason]).toBe('INVALID_JSON');
    expect(harness.deadLetters[0]?.headers[DLQ_HEADERS.topic]).toBe('news.published');
  }, 120_000);
});
