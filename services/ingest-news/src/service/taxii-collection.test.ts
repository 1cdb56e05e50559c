import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../test-support/deps.js';
import { startFeedServer, type FeedServer } from '../test-support/feed-server.js';
import { FeedPoller } from './feed-poller.js';
import type { SourceDocument } from './read-source.js';

const TAXII = 'application/taxii+json;version=2.1';
const bundle = JSON.parse(new TextDecoder().decode(fixture('big-hack-bundle.stix.json'))) as {
  objects: { id: string }[];
};

/**
 * A TAXII 2.1 collection as a server keeps it: objects with the time each was added, served two per
 * page in date order, filtered by `added_after`, paged by an opaque `next` offset.
 */
function taxiiCollection(entries: { added: string; object: { id: string } }[], pageSize = 2) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (!(req.headers.accept ?? '').includes(TAXII)) {
      res.writeHead(406).end();
      return;
    }
    const query = new URL(req.url ?? '/', 'http://taxii.local').searchParams;
    const after = query.get('added_after');
    const from = Number(query.get('next') ?? '0');
    const newer = entries.filter((entry) => after === null || entry.added > after);
    const page = newer.slice(from, from + pageSize);
    const more = from + pageSize < newer.length;
    const last = page.at(-1)?.added;
    res
      .writeHead(200, {
        'content-type': TAXII,
        ...(last === undefined ? {} : { 'x-taxii-date-added-last': last }),
      })
      .end(
        JSON.stringify(
          page.length === 0
            ? {}
            : {
                more,
                ...(more ? { next: String(from + pageSize) } : {}),
                objects: page.map((e) => e.object),
              },
        ),
      );
  };
}

const idsOf = (doc: SourceDocument): string[] =>
  (JSON.parse(new TextDecoder().decode(doc.bytes)) as { objects: { id: string }[] }).objects.map((o) => o.id);

describe('TAXII 2.1 collection polling', () => {
  let server: FeedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('follows more/next across pages, then asks only for objects added after the newest it read', async () => {
    const [identityA, identityB, report, note] = bundle.objects;
    if (identityA === undefined || identityB === undefined || report === undefined || note === undefined)
      throw new Error('the big-hack bundle fixture lost an object');
    const entries = [
      { added: '2018-10-04T10:00:00.000001Z', object: identityA },
      { added: '2018-10-04T10:00:00.000002Z', object: identityB },
      { added: '2018-10-04T11:30:00.000000Z', object: report },
    ];
    server = await startFeedServer(taxiiCollection(entries));
    const collection = new URL('/taxii2/collections/91a7b528/objects/', server.url).href;
    const pages: SourceDocument[] = [];
    let clock = 0;
    const poller = new FeedPoller({
      feeds: [{ url: collection, intervalMs: 60_000, outlet: 'CTI sharing group' }],
      concurrency: 1,
      onDocument: (doc) => Promise.resolve(void pages.push(doc)),
      log: { warn: () => undefined },
      now: () => clock,
    });

    expect(await poller.pollOnce()).toMatchObject({ fetched: [collection] });
    expect(server.requests.map((req) => req.url)).toEqual([
      '/taxii2/collections/91a7b528/objects/',
      '/taxii2/collections/91a7b528/objects/?next=2',
    ]);
    expect(pages.map(idsOf)).toEqual([[identityA.id, identityB.id], [report.id]]);
    expect(pages.map((page) => [page.url, page.outlet])).toEqual([
      [collection, 'CTI sharing group'],
      [collection, 'CTI sharing group'],
    ]);
    expect(poller.stateOf(collection)?.addedAfter).toBe('2018-10-04T11:30:00.000000Z');

    entries.push({ added: '2018-10-05T09:00:00.000000Z', object: note });
    clock += 60_000;
    await poller.pollOnce();
    expect(server.requests[2]?.url).toBe(
      '/taxii2/collections/91a7b528/objects/?added_after=2018-10-04T11%3A30%3A00.000000Z',
    );
    expect(server.requests.every((req) => (req.headers.accept ?? '').includes(TAXII))).toBe(true);
    expect(pages.slice(2).map(idsOf)).toEqual([[note.id]]);
    expect(poller.stateOf(collection)?.addedAfter).toBe('2018-10-05T09:00:00.000000Z');

    clock += 60_000;
    expect(await poller.pollOnce()).toMatchObject({ fetched: [collection], failed: [] });
    expect(pages).toHaveLength(3);
    expect(poller.stateOf(collection)?.addedAfter).toBe('2018-10-05T09:00:00.000000Z');
  });

  it('keeps added_after on every page it follows, so a filtered read pages through only newer objects', async () => {
    const entries = bundle.objects.map((object, i) => ({ added: `2018-10-0${i + 1}T00:00:00Z`, object }));
    server = await startFeedServer(taxiiCollection(entries, 1));
    const collection = new URL('/collections/c1/objects/', server.url).href;
    const pages: SourceDocument[] = [];
    let clock = 0;
    const poller = new FeedPoller({
      feeds: [{ url: collection, intervalMs: 1_000, outlet: 'CTI' }],
      concurrency: 1,
      onDocument: (doc) => Promise.resolve(void pages.push(doc)),
      log: { warn: () => undefined },
      now: () => clock,
    });
    await poller.pollOnce();
    expect(pages.flatMap(idsOf)).toEqual(bundle.objects.map((object) => object.id));
    entries.push(
      { added: '2018-11-01T00:00:00Z', object: { id: 'note--00000000-0000-4000-8000-000000000001' } },
      { added: '2018-11-02T00:00:00Z', object: { id: 'note--00000000-0000-4000-8000-000000000002' } },
    );
    const seen = server.requests.length;
    clock += 1_000;
    await poller.pollOnce();
    expect(server.requests.slice(seen).map((req) => req.url)).toEqual([
      '/collections/c1/objects/?added_after=2018-10-04T00%3A00%3A00Z',
      '/collections/c1/objects/?added_after=2018-10-04T00%3A00%3A00Z&next=1',
    ]);
    expect(pages.slice(bundle.objects.length).flatMap(idsOf)).toEqual([
      'note--00000000-0000-4000-8000-000000000001',
      'note--00000000-0000-4000-8000-000000000002',
    ]);
  });

  it('pages by added_after when a server says more but gives no next token', async () => {
    const [first, second] = bundle.objects;
    server = await startFeedServer((req, res) => {
      const after = new URL(req.url ?? '/', 'http://taxii.local').searchParams.get('added_after');
      const [object, added, more] =
        after === null ? [first, '2018-10-04T10:00:00Z', true] : [second, '2018-10-04T12:00:00Z', false];
      res
        .writeHead(200, { 'content-type': TAXII, 'x-taxii-date-added-last': added })
        .end(JSON.stringify({ more, objects: [object] }));
    });
    const collection = new URL('/collections/c2/objects/', server.url).href;
    const pages: SourceDocument[] = [];
    const poller = new FeedPoller({
      feeds: [{ url: collection, intervalMs: 1_000, outlet: 'CTI' }],
      concurrency: 1,
      onDocument: (doc) => Promise.resolve(void pages.push(doc)),
      log: { warn: () => undefined },
    });
    await poller.pollOnce();
    expect(server.requests.map((req) => req.url)).toEqual([
      '/collections/c2/objects/',
      '/collections/c2/objects/?added_after=2018-10-04T10%3A00%3A00Z',
    ]);
    expect(pages.flatMap(idsOf)).toEqual([first?.id, second?.id]);
    expect(poller.stateOf(collection)?.addedAfter).toBe('2018-10-04T12:00:00Z');
  });

  it('does not advance added_after when a later page fails, so the next poll reads the collection again', async () => {
    server = await startFeedServer((req, res) => {
      if ((req.url ?? '').includes('next=')) {
        res.writeHead(503).end();
        return;
      }
      res
        .writeHead(200, { 'content-type': TAXII, 'x-taxii-date-added-last': '2018-10-04T10:00:00Z' })
        .end(JSON.stringify({ more: true, next: 'p2', objects: bundle.objects.slice(0, 2) }));
    });
    const collection = new URL('/collections/c3/objects/', server.url).href;
    const poller = new FeedPoller({
      feeds: [{ url: collection, intervalMs: 1_000, outlet: 'CTI' }],
      concurrency: 1,
      onDocument: () => Promise.resolve(),
      log: { warn: () => undefined },
    });
    const round = await poller.pollOnce();
    expect(round.failed.map(({ url }) => url)).toEqual([collection]);
    expect(poller.stateOf(collection)).toMatchObject({ failures: 1 });
    expect(poller.stateOf(collection)?.addedAfter).toBeUndefined();
  });
});
