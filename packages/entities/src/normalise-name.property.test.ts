import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadEntityCatalog } from './load-catalog.js';
import { normaliseName } from './normalise-name.js';

const catalog = loadEntityCatalog();
const aliases = catalog.entities.flatMap((entity) =>
  entity.aliases.map((alias) => ({ alias, id: entity.id })),
);

describe('name normalisation properties', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (name) => {
        const once = normaliseName(name);
        expect(normaliseName(once)).toBe(once);
      }),
      // Arbitrary Unicode is where folding surprises hide (compatibility forms, casing that adds marks).
      { numRuns: 2_000 },
    );
  });

  it('resolves every catalog alias whatever its case, punctuation and legal form', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...aliases),
        fc.boolean(),
        fc.constantFrom(' ', '-', ' / ', '.', ', '),
        fc.constantFrom('', ', Inc.', ' Co., Ltd.', ' GmbH', ' S.A.'),
        ({ alias, id }, upper, separator, suffix) => {
          const cased = upper ? alias.toUpperCase() : alias.toLowerCase();
          const written = `${cased.split(' ').join(separator)}${suffix}`;
          expect(catalog.resolve(written)?.id).toBe(id);
        },
      ),
    );
  });

  it('returns mentions whose offsets slice out exactly their text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...aliases.map((a) => a.alias), 'the', 'micro', '—', 'boards'), {
          maxLength: 12,
        }),
        (words) => {
          const text = words.join(' ');
          for (const mention of catalog.matchMentions(text)) {
            expect(text.slice(mention.start, mention.end)).toBe(mention.text);
          }
        },
      ),
    );
  });
});
