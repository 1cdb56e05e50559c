import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../test-support/deps.js';
import { startFeedServer, type FeedServer } from '../test-support/feed-server.js';
import { fetchFeed } from './fetch-feed.js';

let server: FeedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const FEED = fixture('bizweek.rss.xml');

describe('fetchFeed', () => {
  it('sends the previous ETag and Last-Modified back and reports 304 as not modified', async () => {
    const etag = '"v1"';
    const lastModified = 'Thu, 04 Oct 2018 09:00:00 GMT';
    server = await startFeedServer((req, res) => {
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304).end();
        return;
      }
      res
        .writeHead(200, {
          'content-type': 'application/rss+xml; charset=utf-8',
          etag,
          'last-modified': lastModified,
        })
        .end(FEED);
    });
    const first = await fetchFeed(server.url);
    expect(first.status).toBe('fetched');
    if (first.status !== 'fetched') return;
    expect(Buffer.from(first.bytes).equals(Buffer.from(FEED))).toBe(true);
    expect(first.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(first.validators).toEqual({ etag, lastModified });

    const second = await fetchFeed(server.url, { validators: first.validators });
    expect(second).toEqual({ status: 'not-modified', validators: { etag, lastModified } });
    expect(server.requests[1]?.headers['if-modified-since']).toBe(lastModified);
  });

  it('times out a feed that accepts the connection and never answers', async () => {
    server = await startFeedServer(() => undefined);
    const started = Date.now();
    await expect(fetchFeed(server.url, { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'FEED_TIMEOUT',
      retriable: true,
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('times out a feed that sends headers and then trickles its body', async () => {
    server = await startFeedServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<rss version="2.0"><channel>');
    });
    await expect(fetchFeed(server.url, { timeoutMs: 300 })).rejects.toMatchObject({ code: 'FEED_TIMEOUT' });
  });

  it('stops reading a chunked body at the size limit', async () => {
    server = await startFeedServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      for (let i = 0; i < 64; i += 1) res.write('x'.repeat(1024));
      res.end();
    });
    await expect(fetchFeed(server.url, { maxBytes: 16 * 1024 })).rejects.toMatchObject({
      code: 'FEED_TOO_LARGE',
      retriable: false,
    });
  });

  it('refuses a body whose declared length is over the limit before reading it', async () => {
    server = await startFeedServer((_req, res) => {
      res.writeHead(200, { 'content-length': String(FEED.byteLength) }).end(FEED);
    });
    await expect(fetchFeed(server.url, { maxBytes: 100 })).rejects.toMatchObject({ code: 'FEED_TOO_LARGE' });
  });

  it.each([
    [503, 'FEED_SERVER_ERROR', true],
    [429, 'FEED_SERVER_ERROR', true],
    [404, 'FEED_HTTP_ERROR', false],
  ] as const)('maps HTTP %i to %s (retriable: %s)', async (status, code, retriable) => {
    server = await startFeedServer((_req, res) => res.writeHead(status).end('no'));
    await expect(fetchFeed(server.url)).rejects.toMatchObject({ code, retriable, status });
  });

  it('reports a refused connection as unreachable and retriable', async () => {
    server = await startFeedServer(() => undefined);
    const url = server.url;
    await server.close();
    server = undefined;
    await expect(fetchFeed(url, { timeoutMs: 2000 })).rejects.toMatchObject({
      code: 'FEED_UNREACHABLE',
      retriable: true,
    });
  });
});
