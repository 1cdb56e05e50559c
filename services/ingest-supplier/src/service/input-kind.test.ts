import { describe, expect, it } from 'vitest';
import { fixture } from '../test-support/files.js';
import { fileKey, inputKind, registryFeed } from './input-kind.js';

describe('telling BOMs from registry snapshots', () => {
  it.each([
    ['a CSV file', { name: 'x/supermicro-2018-06-30.csv', text: 'vendor,supplier' }, 'registry'],
    ['a CycloneDX file name', { name: 'x/board.cdx.json', text: '{}' }, 'bom'],
    ['a plain bom.json', { name: 'x/bom.json', text: '{}' }, 'bom'],
    [
      'a JSON file with bomFormat',
      { name: 'x/board-v3.json', text: fixture('bom/pcie-sata-adapter-board.v1.bom.json').text },
      'bom',
    ],
    [
      'a JSON registry snapshot',
      { name: 'x/feed.json', text: fixture('registry/supermicro-2019-01-31.json').text },
      'registry',
    ],
    ['text that is not JSON', { name: 'x/notes.json', text: 'supplier: OSE' }, 'registry'],
  ])('sends %s to the right parser', (_label, file, kind) => {
    expect(inputKind(file)).toBe(kind);
  });
});

describe('registry feeds', () => {
  it.each([
    ['supermicro-2018-06-30.csv', 'supermicro'],
    ['/data/Supermicro-2019-01-31.json', 'supermicro'],
    ['2019-01-31.json', 'registry'],
    ['odm_2020-05-01_export.csv', 'odm_export'],
  ])('files %s under feed %s', (name, feed) => {
    expect(registryFeed(name)).toBe(feed);
  });
});

describe('file keys', () => {
  it('tell apart two versions of one path and one content under two paths', () => {
    const keys = new Set([
      fileKey({ name: 'a.json', text: '{}' }),
      fileKey({ name: 'a.json', text: '{ }' }),
      fileKey({ name: 'b.json', text: '{}' }),
    ]);
    expect(keys.size).toBe(3);
    expect(fileKey({ name: 'a.json', text: '{}' })).toBe(fileKey({ name: 'a.json', text: '{}' }));
  });
});
