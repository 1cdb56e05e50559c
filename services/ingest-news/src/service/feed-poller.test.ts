import { afterEach, describe, expect, it } from 'vitest';
import { IngestNewsError } from '../errors.js';
import type { FetchOutcome } from '../parse/fetch-feed.js';
import { fixture } from '../test-support/deps.js';
import { startFeedServer, type FeedServer } from '../test-support/feed-server.js';
import { FeedPoller, type FeedSpec } from './feed-poller.js';

const feeds = (count: number, intervalMs = 60_000): FeedSpec[] =>
  Array.from({ length: count }, (_, i) => ({
    url: `https://feed${i}.example/rss`,
    intervalMs,
    outlet: `Outlet ${i}`,
  }));

const notModified: FetchOutcome = { status: 'not-modified', validators: {} };

/** A log that records its warnings. */
function recordingLog() {
  const lines: { fields: Record<string, unknown>; message: string }[] = [];
  return {
    lines,
    warn: (fields: object, message: string) => void lines.push({ fields: { ...fields }, message }),
  };
}

describe('FeedPoller', () => {
  let server: FeedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('never fetches more feeds at once than its concurrency allows, and fetches every due feed', async () => {
    let inFlight = 0;
    let most = 0;
    const poller = new FeedPoller({
      feeds: feeds(7),
      concurrency: 3,
      onDocument: () => Promise.resolve(),
      log: recordingLog(),
      fetch: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((done) => setTimeout(done, 10));
        inFlight -= 1;
        return notModified;
      },
    });
    const round = await poller.pollOnce();
    expect(most).toBe(3);
    expect(round.notModified).toHaveLength(7);
  });

  it('keeps fetching healthy feeds while a hanging feed holds its slot until its timeout', async () => {
    server = await startFeedServer((req, res) => {
      // The hanging feed never answers; the healthy one answers at once.
      if (req.url === '/ok')
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(fixture('bizweek.rss.xml'));
    });
    const base = new URL('/', server.url).href;
    const documents: string[] = [];
    const poller = new FeedPoller({
      feeds: [
        { url: `${base}hang`, intervalMs: 60_000, outlet: 'Hanging' },
        { url: `${base}ok`, intervalMs: 50, outlet: 'Healthy' },
      ],
      concurrency: 2,
      timeoutMs: 1_500,
      onDocument: (doc) => Promise.resolve(void documents.push(doc.url)),
      log: recordingLog(),
    });
    const stop = new AbortController();
    const running = poller.run(stop.signal);
    await new Promise((done) => setTimeout(done, 600));
    expect(server.requests.filter((req) => req.url === '/hang')).toHaveLength(1);
    expect(documents.length).toBeGreaterThanOrEqual(3);
    stop.abort();
    await running;
  });

  it('times a hanging feed out and backs it off while the other feed in the round succeeds', async () => {
    server = await startFeedServer((req, res) => {
      if (req.url === '/ok') res.writeHead(200).end(fixture('techdaily.rss.xml'));
    });
    const base = new URL('/', server.url).href;
    const poller = new FeedPoller({
      feeds: [
        { url: `${base}hang`, intervalMs: 60_000, outlet: 'Hanging' },
        { url: `${base}ok`, intervalMs: 60_000, outlet: 'Healthy' },
      ],
      concurrency: 2,
      timeoutMs: 200,
      onDocument: () => Promise.resolve(),
      log: recordingLog(),
    });
    const round = await poller.pollOnce();
    expect(round.fetched).toEqual([`${base}ok`]);
    expect(round.failed.map((f) => [f.url, (f.error as IngestNewsError).code])).toEqual([
      [`${base}hang`, 'FEED_TIMEOUT'],
    ]);
    expect(poller.stateOf(`${base}hang`)?.failures).toBe(1);
  });

  it('backs a failing feed off and logs its failures at a paced rate with the count held back', async () => {
    let clock = 0;
    const log = recordingLog();
    const poller = new FeedPoller({
      feeds: feeds(1, 1_000),
      concurrency: 1,
      onDocument: () => Promise.resolve(),
      log,
      now: () => clock,
      random: () => 1,
      backoff: { baseMs: 2_000, maxMs: 8_000, permanentMs: 3_600_000 },
      errorLogIntervalMs: 60_000,
      fetch: () => Promise.reject(new IngestNewsError('FEED_SERVER_ERROR', 'feed answered HTTP 503')),
    });
    const attempts: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const round = await poller.pollOnce();
      if (round.failed.length > 0) attempts.push(clock);
      clock += 1_000;
    }
    // Backoff doubles from 2 s to the 8 s ceiling: attempts at 0, 2, 6, 14, 22, 30, 38 s.
    expect(attempts).toEqual([0, 2_000, 6_000, 14_000, 22_000, 30_000, 38_000]);
    expect(log.lines).toHaveLength(1);
    clock = 100_000;
    await poller.pollOnce();
    expect(log.lines.map((line) => line.fields['suppressed'])).toEqual([0, 6]);
  });

  it('backs a feed off without keeping its new validators when its document cannot be used', async () => {
    const poller = new FeedPoller({
      feeds: feeds(1),
      concurrency: 1,
      onDocument: () => Promise.reject(new IngestNewsError('XML_DTD_REFUSED', 'DTD refused')),
      log: recordingLog(),
      fetch: () =>
        Promise.resolve({
          status: 'fetched',
          bytes: new Uint8Array(),
          contentType: undefined,
          url: 'https://feed0.example/rss',
          validators: { etag: '"v2"' },
        }),
    });
    const round = await poller.pollOnce();
    expect(round.failed).toHaveLength(1);
    expect(poller.stateOf('https://feed0.example/rss')).toMatchObject({ failures: 1, validators: {} });
  });
});
