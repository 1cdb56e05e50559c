import { DLQ_HEADERS } from '@trustwatch/bus';
import type { NewsPublished } from '@trustwatch/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchFeed } from './parse/fetch-feed.js';
import { fixture, FIXTURES, SHARED_DATA } from './test-support/deps.js';
import { startFeedServer, type FeedServer } from './test-support/feed-server.js';
import { articleRecord, startNewsHarness, waitFor, type NewsHarness } from './test-support/news-harness.js';

const ARTICLE: NewsPublished = {
  url: 'https://techdaily.example/2018/10/09/bank-found-implant',
  outlet: 'Tech Daily',
  title: 'Bank says it found an implant in Super Micro servers',
  body: 'A bank said it found a hardware implant on Super Micro servers in its data centre.',
  publishedAt: '2018-10-09T10:00:00Z',
  language: 'en',
};

/** Serves fixture files by path, with an ETag so a second fetch can be answered 304. */
async function serveFixtures(): Promise<FeedServer> {
  return startFeedServer((req, res) => {
    const name = (req.url ?? '/').slice(1);
    const etag = `"${name}-v1"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/xml', etag }).end(fixture(name));
  });
}

describe('the news flow on the memory bus', () => {
  let harness: NewsHarness | undefined;
  let server: FeedServer | undefined;
  afterEach(async () => {
    await harness?.stop();
    await server?.close();
    harness = undefined;
    server = undefined;
  });

  it('turns polled feed items into news.classified keyed by their first subject, one story per syndicated text', async () => {
    server = await serveFixtures();
    const base = new URL('/', server.url).href;
    harness = await startNewsHarness({
      // One at a time, in file order, so the first outlet to carry the story is its origin.
      concurrency: 1,
      feeds: [
        { url: `${base}bizweek.rss.xml`, intervalMs: 60_000, outlet: 'Business Weekly' },
        { url: `${base}wirewire.atom.xml`, intervalMs: 60_000, outlet: 'Wire Wire' },
      ],
    });
    const round = await harness.ingest.poller.pollOnce();
    expect(round.failed).toEqual([]);
    await waitFor('four classifications', () => harness?.classified.length === 4);

    const bigHack = harness.classified.filter((seen) => seen.data.title.startsWith('The Big Hack'));
    expect(bigHack.map((seen) => seen.data.urls.length)).toEqual([1, 2]);
    expect(new Set(bigHack.map((seen) => seen.data.storyId)).size).toBe(1);
    expect(new Set(bigHack.map((seen) => seen.id)).size).toBe(2);
    expect(bigHack[1]?.key).toBe('vendor:supermicro');
    expect(bigHack[1]?.data.claims).toContainEqual(
      expect.objectContaining({ entityId: 'vendor:supermicro', kind: 'backdoor_allegation' }),
    );
    const denial = harness.classified.find((seen) => seen.data.title.startsWith('Super Micro denies'));
    expect(denial?.data.claims).toContainEqual(
      expect.objectContaining({
        entityId: 'vendor:supermicro',
        kind: 'denial',
        answersStoryId: bigHack[0]?.data.storyId,
      }),
    );
    expect(harness.ingest.metrics()).toMatchObject({ classified: 4, syndicated: 1, feedFailures: 0 });
  });

  it('sends a conditional GET on the next poll and publishes nothing for an unchanged feed', async () => {
    server = await serveFixtures();
    const url = new URL('/bizweek.rss.xml', server.url).href;
    let clock = Date.parse('2026-01-05T10:00:00Z');
    harness = await startNewsHarness({
      feeds: [{ url, intervalMs: 60_000, outlet: 'Business Weekly' }],
      now: () => clock,
    });
    await harness.ingest.poller.pollOnce();
    clock += 60_000;
    const second = await harness.ingest.poller.pollOnce();
    expect(second.notModified).toEqual([url]);
    expect(server.requests[1]?.headers['if-none-match']).toBe('"bizweek.rss.xml-v1"');
    expect(harness.ingest.metrics().classified).toBe(2);
  });

  it('dead-letters a poison news.published record while the next one flows', async () => {
    harness = await startNewsHarness();
    const poison = articleRecord(ARTICLE);
    poison.value = Buffer.from('{"url":');
    const invalid = articleRecord({ ...ARTICLE, url: 'https://techdaily.example/other' });
    invalid.value = Buffer.from(JSON.stringify({ url: 'https://techdaily.example/x', title: 'no body' }));
    await harness.bus.publishRaw('news.published', [poison, invalid, articleRecord(ARTICLE)]);
    await waitFor('two dead letters', () => harness?.deadLetters.length === 2);
    await waitFor('the valid article', () => harness?.classified.length === 1);
    expect(harness.deadLetters.map((record) => record.headers[DLQ_HEADERS.reason]).sort()).toEqual([
      'INVALID_JSON',
      'SCHEMA_VIOLATION',
    ]);
    expect(harness.classified[0]?.data.canonicalUrl).toBe(ARTICLE.url);
  });

  it('classifies an article published twice on news.published once', async () => {
    harness = await startNewsHarness();
    await harness.bus.publishRaw('news.published', [articleRecord(ARTICLE)]);
    await harness.bus.publishRaw('news.published', [
      articleRecord({ ...ARTICLE, url: `${ARTICLE.url}?utm_source=x` }),
    ]);
    await waitFor('the duplicate to be seen', () => harness?.ingest.metrics().duplicates === 1);
    expect(harness.classified).toHaveLength(1);
  });

  it('imports a STIX bundle as a story and routes its denial to the story subjects', async () => {
    harness = await startNewsHarness();
    expect(await harness.ingest.importFiles([`${FIXTURES}big-hack-bundle.stix.json`])).toBe(1);
    await waitFor('the report and the denial', () => harness?.classified.length === 2);
    const [report, denial] = harness.classified;
    expect(report?.data.claims[0]).toMatchObject({
      entityId: 'vendor:supermicro',
      kind: 'backdoor_allegation',
    });
    expect(denial?.data.outlets[0]?.name).toBe('Super Micro Computer, Inc.');
    expect(denial?.data.claims).toEqual([
      expect.objectContaining({
        entityId: 'vendor:supermicro',
        kind: 'denial',
        answersStoryId: report?.data.storyId,
      }),
    ]);
  });

  it('reads a TAXII 2.1 collection page served at a feed URL as reports and denials', async () => {
    const bundle = JSON.parse(new TextDecoder().decode(fixture('big-hack-bundle.stix.json'))) as {
      objects: unknown[];
    };
    server = await startFeedServer((req, res) => {
      const taxii = 'application/taxii+json;version=2.1';
      if (!(req.headers.accept ?? '').includes(taxii)) {
        res.writeHead(406).end();
        return;
      }
      res
        .writeHead(200, { 'content-type': taxii })
        .end(JSON.stringify({ more: false, objects: bundle.objects }));
    });
    const collection = 'https://cti.example/taxii2/collections/91a7b528/objects/';
    const local = server.url;
    harness = await startNewsHarness({
      feeds: [{ url: collection, intervalMs: 60_000, outlet: 'CTI sharing group' }],
      // The collection's host resolves to the local server; the answer keeps the public address.
      fetch: async (_url, options) => ({ ...(await fetchFeed(local, options)), url: collection }),
    });
    const round = await harness.ingest.poller.pollOnce();
    expect(round.fetched).toEqual([collection]);
    await waitFor('the report and its denial', () => harness?.classified.length === 2);
    expect(harness.classified.map((seen) => seen.data.claims[0]?.kind)).toEqual([
      'backdoor_allegation',
      'denial',
    ]);
  });

  it('counts the denials of a report that names no known entity as unanswered instead of publishing them', async () => {
    harness = await startNewsHarness();
    expect(await harness.ingest.importFiles([`${FIXTURES}apt1-with-opinion.json`])).toBe(1);
    await waitFor('the report', () => harness?.classified.length === 1);
    expect(harness.classified[0]?.data.entities).toEqual([]);
    expect(harness.ingest.metrics()).toMatchObject({ denials: 0, unansweredDenials: 2 });
  });

  it('imports a folder of real CVE records as advisory.published keyed by CVE id, skipping what it cannot read', async () => {
    harness = await startNewsHarness();
    const imported = await harness.ingest.importFiles([`${SHARED_DATA}cve-records`]);
    await waitFor('the advisories', () => harness?.advisories.length === imported);
    expect(imported).toBeGreaterThan(0);
    expect(harness.advisories.map((seen) => seen.key)).toEqual(
      harness.advisories.map((s) => s.data.advisoryId),
    );
    expect(harness.advisories.map((seen) => seen.key)).toContain('CVE-2024-10237');
    const metrics = harness.ingest.metrics();
    expect(metrics.advisories + metrics.importFailures).toBe(4);
  });
});
