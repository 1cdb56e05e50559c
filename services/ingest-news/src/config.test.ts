import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadNewsConfig } from './config.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ingest-news-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const baseEnv = { KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'redis://127.0.0.1:6379' };

function feedsFile(feeds: unknown): string {
  const path = join(dir, 'feeds.json');
  writeFileSync(path, JSON.stringify({ feeds }));
  return path;
}

/** The message of the config error thrown for `env`, so tests can say which variable it names. */
function configProblem(env: Record<string, string>): string {
  try {
    loadNewsConfig({ ...baseEnv, ...env });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadNewsConfig', () => {
  it('reads the feeds file with intervals in seconds and defaults everything else', () => {
    const config = loadNewsConfig({
      ...baseEnv,
      NEWS_FEEDS_FILE: feedsFile([
        { url: 'https://bizweek.example/rss', interval: 300, outlet: 'Business Weekly' },
      ]),
      NEWS_IMPORT_PATHS: '/data/cve, /data/stix',
    });
    expect(config.news.feeds).toEqual([
      { url: 'https://bizweek.example/rss', intervalMs: 300_000, outlet: 'Business Weekly' },
    ]);
    expect(config.news).toMatchObject({
      importPaths: ['/data/cve', '/data/stix'],
      concurrency: 8,
      groupId: 'ingest-news',
      namespace: '',
    });
    expect(Object.isFrozen(config.news)).toBe(true);
  });

  it.each([
    ['a feed without an outlet', [{ url: 'https://a.example/rss', interval: 60 }], 'feeds.0.outlet'],
    ['a feed on a file: URL', [{ url: 'file:///etc/passwd', interval: 60, outlet: 'x' }], 'feeds.0.url'],
    ['a zero interval', [{ url: 'https://a.example/rss', interval: 0, outlet: 'x' }], 'feeds.0.interval'],
    [
      'the same feed twice',
      [
        { url: 'https://a.example/rss', interval: 60, outlet: 'x' },
        { url: 'https://a.example/rss', interval: 90, outlet: 'y' },
      ],
      'each feed URL once',
    ],
  ])('refuses a feeds file with %s, naming the problem', (_name, feeds, expected) => {
    const problem = configProblem({ NEWS_FEEDS_FILE: feedsFile(feeds) });
    expect(problem).toContain('NEWS_FEEDS_FILE');
    expect(problem).toContain(expected);
  });

  it('refuses a feeds file that does not exist, naming the file', () => {
    const missing = join(dir, 'missing.json');
    expect(configProblem({ NEWS_FEEDS_FILE: missing })).toContain(`cannot read file ${missing} (ENOENT)`);
  });

  it('refuses a feeds file that is not JSON', () => {
    const path = join(dir, 'feeds.json');
    writeFileSync(path, '{"feeds": [');
    expect(configProblem({ NEWS_FEEDS_FILE: path })).toContain('not usable JSON');
  });
});
