import { afterEach, describe, expect, it } from 'vitest';
import type { IngestNewsError } from '../errors.js';
import { fixture } from '../test-support/deps.js';
import { startFeedServer, type FeedServer } from '../test-support/feed-server.js';
import { FeedPoller } from './feed-poller.js';

const MINUTE = 60_000;

describe('FeedPoller and Retry-After', () => {
  let server: FeedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('does not fetch a feed that answered 429 with Retry-After seconds again before that time', async () => {
    let busy = true;
    server = await startFeedServer((_req, res) => {
      if (busy) res.writeHead(429, { 'retry-after': '600' }).end();
      else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(fixture('bizweek.rss.xml'));
    });
    let clock = 1_000_000;
    const poller = new FeedPoller({
      feeds: [{ url: server.url, intervalMs: MINUTE, outlet: 'Bizweek' }],
      concurrency: 1,
      onDocument: () => Promise.resolve(),
      log: { warn: () => undefined },
      now: () => clock,
      random: () => 0,
    });
    const round = await poller.pollOnce();
    expect(round.failed.map(({ error }) => (error as IngestNewsError).retryAfterMs)).toEqual([600_000]);
    expect(poller.stateOf(server.url)?.nextAt).toBe(1_000_000 + 600_000);

    busy = false;
    clock += 599_999;
    expect(await poller.pollOnce()).toEqual({ fetched: [], notModified: [], failed: [] });
    expect(server.requests).toHaveLength(1);
    clock += 1;
    expect((await poller.pollOnce()).fetched).toEqual([server.url]);
  });

  it('honours a 503 Retry-After given as an HTTP date, bounded by the policy maximum', async () => {
    const inTwoHours = new Date(Date.now() + 2 * 60 * MINUTE).toUTCString();
    server = await startFeedServer((_req, res) => res.writeHead(503, { 'retry-after': inTwoHours }).end());
    const at = Date.now();
    const poller = new FeedPoller({
      feeds: [{ url: server.url, intervalMs: MINUTE, outlet: 'Bizweek' }],
      concurrency: 1,
      onDocument: () => Promise.resolve(),
      log: { warn: () => undefined },
      now: () => at,
      random: () => 0,
      backoff: { baseMs: 1_000, maxMs: 10_000, permanentMs: 60 * MINUTE, maxRetryAfterMs: 90 * MINUTE },
    });
    await poller.pollOnce();
    expect(poller.stateOf(server.url)?.nextAt).toBe(at + 90 * MINUTE);
  });

  it('ignores Retry-After on statuses other than 429 and 503', async () => {
    server = await startFeedServer((_req, res) => res.writeHead(500, { 'retry-after': '3600' }).end());
    const poller = new FeedPoller({
      feeds: [{ url: server.url, intervalMs: MINUTE, outlet: 'Bizweek' }],
      concurrency: 1,
      onDocument: () => Promise.resolve(),
      log: { warn: () => undefined },
      now: () => 0,
      random: () => 0,
    });
    const round = await poller.pollOnce();
    expect(round.failed.map(({ error }) => (error as IngestNewsError).retryAfterMs)).toEqual([undefined]);
    expect(poller.stateOf(server.url)?.nextAt).toBe(MINUTE);
  });
});
