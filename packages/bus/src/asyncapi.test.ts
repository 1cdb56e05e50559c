import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_DEFINITIONS } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { asyncApiDocument } from './asyncapi.js';
import { topicCatalog } from './topics.js';

const packageRoot = join(import.meta.dirname, '..');

describe('AsyncAPI document', () => {
  it('is committed exactly as the catalog generates it', () => {
    const committed: unknown = JSON.parse(readFileSync(join(packageRoot, 'asyncapi.json'), 'utf8'));
    expect(
      committed,
      'regenerate: npx tsc -b packages/bus && node packages/bus/dist/write-asyncapi.js',
    ).toEqual(asyncApiDocument(topicCatalog()));
  });

  it('points every registered event type at a JSON Schema file that exists', () => {
    for (const { type } of EVENT_DEFINITIONS) {
      expect(existsSync(join(packageRoot, '..', 'schemas', 'json-schema', `${type}.json`)), type).toBe(true);
    }
  });
});
