import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CATALOG_PATH } from '@trustwatch/entities';
import { createEvent, encodeStructured, stableId } from '@trustwatch/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { DEMO_DATA_DIR } from '../demo/demo-files.js';
import { QUIET_ENV, captureTerminal } from '../test-support/capture.js';

// DOMAIN.md: Bloomberg Businessweek's "The Big Hack", 4 October 2018, as a raw article.
const url =
  'https://www.bloomberg.com/news/features/2018-10-04/the-big-hack-how-china-used-a-tiny-chip-to-infiltrate-america-s-top-companies';
const article = createEvent({
  type: 'com.trustwatch.news.published.v1',
  source: 'trustwatch://test/replay-news',
  id: stableId('news-published', url),
  time: '2018-10-04T09:00:00Z',
  data: {
    url,
    outlet: 'Bloomberg Businessweek',
    title: 'The Big Hack: How China Used a Tiny Chip to Infiltrate U.S. Companies',
    summary: 'Tiny chips were implanted on Super Micro motherboards during manufacturing in China.',
    publishedAt: '2018-10-04T09:00:00Z',
    language: 'en-US',
  },
});

describe('trustwatch replay of raw articles', () => {
  let dir: string;
  let events: string;
  let withoutSupermicro: string;
  const fleet = `kestrel-media=${DEMO_DATA_DIR}fleets/kestrel-media.json`;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trustwatch-replay-news-'));
    events = join(dir, 'articles.ndjson');
    writeFileSync(events, `${encodeStructured(article)}\n`);
    // The shipped catalog without Super Micro: the article then names no known vendor.
    const catalog = JSON.parse(readFileSync(DEFAULT_CATALOG_PATH, 'utf8')) as {
      entities: { id: string; parentId?: string }[];
    };
    const gone = (id: string | undefined) => id === 'vendor:supermicro';
    catalog.entities = catalog.entities.filter((e) => !gone(e.id) && !gone(e.parentId));
    withoutSupermicro = join(dir, 'catalog.json');
    writeFileSync(withoutSupermicro, JSON.stringify(catalog));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function replay(argv: string[]) {
    const term = captureTerminal();
    const code = await runCli(['replay', ...argv], term, QUIET_ENV);
    const lines = term
      .stdout()
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    return { code, err: term.stderr(), kinds: lines.map((l) => (JSON.parse(l) as { kind: string }).kind) };
  }

  it('classifies an article with the shipped catalog and lowers trust of the customer running the vendor', async () => {
    const { code, err, kinds } = await replay([events, '--fleet', fleet, '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(kinds.filter((k) => k === 'trust_changed')).toHaveLength(1);
  });

  it('leaves trust alone when the given catalog does not know the vendor the article names', async () => {
    const { code, err, kinds } = await replay([
      events,
      '--fleet',
      fleet,
      '--catalog',
      withoutSupermicro,
      '--json',
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(kinds).toEqual(['final_score']);
  });

  it('exits 1 naming the catalog when it is not a valid entity catalog', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"entities": [{"id": 1}]}');
    const term = captureTerminal();
    const code = await runCli(['replay', events, '--catalog', broken], term, QUIET_ENV);
    expect(code).toBe(1);
    expect(term.stderr()).toContain(`invalid entity catalog: ${broken}`);
    expect(term.stderr()).toContain('hint: check the file against packages/entities/catalog/entities.json');
  });
});
