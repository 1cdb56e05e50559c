import { readFileSync } from 'node:fs';
import { BusError, createMemoryBus, type EventBus } from '@trustwatch/bus';
import type { NewsPublished } from '@trustwatch/schemas';
import { publicDataPath } from '@trustwatch/testing';
import { describe, expect, it } from 'vitest';
import { IngestNewsError } from '../errors.js';
import { classifierDeps, outlets } from '../test-support/deps.js';
import { silentLog } from '../test-support/news-harness.js';
import { NewsFlow } from './news-flow.js';
import { createMemoryNewsState, type NewsState } from './news-state.js';
import { readSource, type SourceReading } from './read-source.js';

const NOW = '2026-01-05T10:00:00.000Z';
const article = (path: string, title: string): NewsPublished => ({
  url: `https://techdaily.example/${path}`,
  outlet: 'Tech Daily',
  title,
  body: `${title}. Reported by Tech Daily staff.`,
  publishedAt: '2018-10-09T10:00:00Z',
  language: 'en',
});
const reading = (articles: NewsPublished[]): SourceReading => ({
  kind: 'feed',
  articles,
  advisories: [],
  denials: [],
  rejected: [],
});

function flowOn(bus: EventBus, state: NewsState = createMemoryNewsState(outlets())): NewsFlow {
  const { catalog, lexicon } = classifierDeps();
  return new NewsFlow({ bus, state, catalog, lexicon, outlets: outlets(), now: () => NOW, log: silentLog });
}

describe('NewsFlow', () => {
  it('skips an article it cannot classify and still publishes the rest of the source', async () => {
    const bus = createMemoryBus({ logger: silentLog });
    await bus.ensureTopics(['news.classified']);
    const memory = createMemoryNewsState(outlets());
    // A state that refuses one story's ledger read as a permanent failure stands in for a bad article.
    const state: NewsState = {
      ...memory,
      ledgerSlice: (ids) =>
        ids.includes('supplier:ose')
          ? Promise.reject(new IngestNewsError('STORY_UNCLASSIFIABLE', 'refused'))
          : memory.ledgerSlice(ids),
    };
    const flow = flowOn(bus, state);
    await flow.ingestReading(
      reading([
        article('ose', 'OSE moves motherboard production to Kaohsiung'),
        article('audit', 'Audit finds no malicious chips on Super Micro boards'),
      ]),
      'https://techdaily.example/rss',
    );
    expect(flow.counts).toMatchObject({ classified: 1, unclassifiable: 1 });
    await bus.close();
  });

  it('fails the whole source when publishing fails, so the poller fetches it again', async () => {
    const bus = createMemoryBus({ logger: silentLog });
    const failing: EventBus = {
      ...bus,
      publish: () => Promise.reject(new BusError('PUBLISH_FAILED', 'broker unavailable')),
    };
    const flow = flowOn(failing);
    await expect(
      flow.ingestReading(
        reading([article('a', 'Super Micro discloses a BMC vulnerability')]),
        'https://x.example/',
      ),
    ).rejects.toMatchObject({ code: 'PUBLISH_FAILED' });
    expect(flow.counts.classified).toBe(0);
    await bus.close();
  });

  it('publishes a CVE record served at a feed URL as advisory.published', async () => {
    const bus = createMemoryBus({ logger: silentLog });
    await bus.ensureTopics(['advisory.published']);
    const seen: string[] = [];
    const consumer = await bus.consume({
      groupId: 'advisories',
      topics: ['advisory.published'],
      handle: (event) => {
        seen.push(event.partitionkey ?? '');
        return Promise.resolve({ status: 'done' });
      },
    });
    const flow = flowOn(bus);
    const bytes = readFileSync(publicDataPath('cve-records', 'CVE-2024-10237.json'));
    const { catalog, lexicon } = classifierDeps();
    const source = readSource({ bytes, url: 'https://cve.example/api/CVE-2024-10237' }, { catalog, lexicon });
    await flow.ingestReading(source, 'https://cve.example/api/CVE-2024-10237');
    await expect.poll(() => seen).toEqual(['CVE-2024-10237']);
    await consumer.stop();
    await bus.close();
  });
});
