import { loadEntityCatalog } from '@trustwatch/entities';
import { describe, expect, it } from 'vitest';
import { catalogDisplayNames } from './display-names.js';

describe('display names for alert summaries', () => {
  const name = catalogDisplayNames(loadEntityCatalog(), { acme: 'Acme Corp' });

  it.each([
    ['vendor:supermicro', 'Supermicro'],
    ['supermicro', 'Supermicro'],
    ['Super Micro Computer, Inc.', 'Supermicro'],
    ['dell', 'Dell Technologies'],
  ])('names vendor %s as %s from the entity catalog', (id, expected) => {
    expect(name('vendor', id)).toBe(expected);
  });

  it('leaves unknown vendors and customers without a name, so the summary keeps their ids', () => {
    expect(name('vendor', 'vendor-nobody-heard-of')).toBeUndefined();
    expect(name('customer', 'globex')).toBeUndefined();
    expect(name('customer', 'acme')).toBe('Acme Corp');
  });
});
