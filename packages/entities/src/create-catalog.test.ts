import { describe, expect, it } from 'vitest';
import { createEntityCatalog, type EntityCatalog } from './create-catalog.js';
import { EntityError, type EntityErrorCode } from './errors.js';

const SOURCE = 'test data written for this file';

function catalogOf(entities: unknown[]): EntityCatalog {
  return createEntityCatalog({ source: SOURCE, entities });
}

function failure(build: () => unknown): EntityError {
  try {
    build();
  } catch (error) {
    if (error instanceof EntityError) return error;
    throw error;
  }
  throw new Error('expected an EntityError');
}

const acme = { id: 'vendor:acme', kind: 'vendor', name: 'Acme Servers', aliases: ['ACME', 'Acme Corp'] };

describe('createEntityCatalog', () => {
  it('treats the display name as an alias', () => {
    expect(catalogOf([acme]).resolve('acme servers ltd')?.id).toBe('vendor:acme');
  });

  it('freezes what it returns so one shared catalog cannot be edited by a caller', () => {
    const catalog = catalogOf([acme]);
    expect(Object.isFrozen(catalog.entities)).toBe(true);
    expect(Object.isFrozen(catalog.get('vendor:acme'))).toBe(true);
  });

  it.each<[string, unknown, EntityErrorCode, string]>([
    ['no source note', { entities: [acme] }, 'CATALOG_INVALID', 'source'],
    ['an empty list', { source: SOURCE, entities: [] }, 'CATALOG_INVALID', 'entities'],
    [
      'an id without a kind prefix',
      { source: SOURCE, entities: [{ ...acme, id: 'acme' }] },
      'CATALOG_INVALID',
      'entities.0.id',
    ],
    [
      'an id whose prefix differs from the kind',
      { source: SOURCE, entities: [{ ...acme, kind: 'supplier' }] },
      'CATALOG_INVALID',
      'entities.0.id',
    ],
    [
      'an alias made only of legal forms',
      { source: SOURCE, entities: [{ ...acme, aliases: ['Co., Ltd.'] }] },
      'CATALOG_INVALID',
      'entities.0.aliases.0',
    ],
    [
      'a parent that is not listed',
      { source: SOURCE, entities: [{ ...acme, parentId: 'vendor:nobody' }] },
      'CATALOG_INVALID',
      'entities.0.parentId',
    ],
    [
      'an id used twice',
      { source: SOURCE, entities: [acme, { ...acme, name: 'Other', aliases: [] }] },
      'DUPLICATE_ID',
      'entities.1.id',
    ],
    [
      'an alias naming two entities once normalised',
      {
        source: SOURCE,
        entities: [
          acme,
          { id: 'supplier:acme-boards', kind: 'supplier', name: 'Acme Boards', aliases: ['acme, inc.'] },
        ],
      },
      'DUPLICATE_ALIAS',
      'entities.1.aliases.0',
    ],
    [
      'a lower-case common word',
      { source: SOURCE, entities: [{ ...acme, aliases: ['micro'] }] },
      'AMBIGUOUS_ALIAS',
      'entities.0.aliases.0',
    ],
    [
      'a common word explicitly matched without case',
      { source: SOURCE, entities: [{ ...acme, aliases: [{ text: 'Computer', caseSensitive: false }] }] },
      'AMBIGUOUS_ALIAS',
      'entities.0.aliases.0',
    ],
  ])('rejects %s', (_label, data, code, path) => {
    const error = failure(() => createEntityCatalog(data));
    expect(error.code).toBe(code);
    expect(error.path).toBe(path);
    expect(error.retriable).toBe(false);
  });

  it('accepts the same alias twice within one entity', () => {
    const catalog = catalogOf([{ ...acme, aliases: ['Acme', 'ACME', 'acme inc'] }]);
    expect(catalog.resolve('Acme')?.id).toBe('vendor:acme');
  });

  it('matches an alias marked case-sensitive only as written', () => {
    const catalog = catalogOf([{ ...acme, aliases: [{ text: 'Bolt', caseSensitive: true }] }]);
    expect(catalog.matchMentions('Bolt shipped; a bolt fell').map((m) => m.text)).toEqual(['Bolt']);
  });
});
