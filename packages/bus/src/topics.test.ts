import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_DEFINITIONS } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { renderTopicTable } from './topics-table.js';
import { TOPIC_NAMES, TopicCatalog, topicCatalog } from './topics.js';

describe('topic catalog', () => {
  it('gives every event topic a dead-letter topic that exists in the catalog', () => {
    const catalog = new TopicCatalog();
    for (const name of TOPIC_NAMES)
      expect(catalog.spec(catalog.spec(name).deadLetter ?? '').name).toBe(`${name}.dlq`);
  });

  it('carries every registered event type on exactly one topic', () => {
    for (const { type } of EVENT_DEFINITIONS) {
      expect(
        topicCatalog()
          .filter((spec) => spec.eventTypes.includes(type))
          .map((spec) => spec.name),
      ).toHaveLength(1);
    }
  });

  it('maps logical names into a namespace and back', () => {
    const catalog = new TopicCatalog('test-1.');
    expect(catalog.physical('alerts.dlq')).toBe('test-1.alerts.dlq');
    expect(catalog.logical('test-1.trust.changed').name).toBe('trust.changed');
    expect(() => catalog.logical('other.trust.changed')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_TOPIC' }),
    );
    expect(() => catalog.spec('trust.chagned')).toThrow(expect.objectContaining({ code: 'UNKNOWN_TOPIC' }));
  });

  it('applies per-topic overrides without touching the other topics', () => {
    const catalog = new TopicCatalog('', { 'news.published': { maxMessageBytes: 3_000_000 } });
    expect(catalog.spec('news.published').maxMessageBytes).toBe(3_000_000);
    expect(catalog.spec('news.classified').maxMessageBytes).toBe(
      new TopicCatalog().spec('news.classified').maxMessageBytes,
    );
  });

  it('is documented in the package README exactly as declared', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const table = /<!-- topics:start -->\n([\s\S]*?)\n<!-- topics:end -->/.exec(readme)?.[1];
    expect(table, 'README table out of date; replace it with the expected value').toBe(
      renderTopicTable(topicCatalog()),
    );
  });
});
