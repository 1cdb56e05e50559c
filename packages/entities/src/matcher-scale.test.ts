import { describe, expect, it } from 'vitest';
import { createEntityCatalog } from './create-catalog.js';
import { TokenTrie } from './token-trie.js';
import { tokenize } from './tokens.js';

const ENTITY_COUNT = 1_250;
const ALIASES_PER_ENTITY = 4;

// Deterministic invented names: a syllable word per entity, so aliases share prefixes the way real
// company names do ("Nova Systems", "Nova Systems Europe", ...).
function syllables(n: number): string {
  const parts = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 'vu'];
  let word = '';
  let rest = n;
  do {
    word += parts[rest % parts.length] ?? '';
    rest = Math.floor(rest / parts.length);
  } while (rest > 0);
  return `${word}x`;
}

function bigCatalogData(): unknown {
  const entities = Array.from({ length: ENTITY_COUNT }, (_, i) => {
    const stem = syllables(i);
    return {
      id: `supplier:s${i}`,
      kind: 'supplier',
      name: `${stem} Fabrication`,
      aliases: [`${stem} Fabrication Works`, `${stem} Board Assembly`, `${stem} Board Assembly East`],
    };
  });
  return { source: 'generated for a scale test', entities };
}

describe('the mention matcher at scale', () => {
  const catalog = createEntityCatalog(bigCatalogData());

  it('holds 5,000 aliases and finds each entity by its longest alias', () => {
    expect(catalog.entities.length * ALIASES_PER_ENTITY).toBe(5_000);
    const picks = [0, 7, 512, 1_249];
    const text = picks.map((i) => `news about ${syllables(i)} Board Assembly East today`).join('. ');
    const mentions = catalog.matchMentions(text);
    expect(mentions.map((m) => m.entityId)).toEqual(picks.map((i) => `supplier:s${i}`));
    expect(mentions.every((m) => m.alias.endsWith('East'))).toBe(true);
  });

  it('does work proportional to the text, not to the number of aliases', () => {
    const trie = new TokenTrie();
    for (const entity of catalog.entities) {
      for (const alias of entity.aliases) {
        const folded = tokenize(alias).map((t) => t.folded);
        trie.add({ entityId: entity.id, kind: entity.kind, alias, folded });
      }
    }
    const sentence = `${syllables(3)} Board Assembly shipped boards while ${syllables(99)} Fabrication Works waited. `;
    const measure = (copies: number): number => {
      const work = { steps: 0 };
      trie.scan(tokenize(sentence.repeat(copies)), work);
      return work.steps;
    };
    const tokensPerSentence = tokenize(sentence).length;
    const steps = measure(1_000);
    expect(steps).toBeLessThanOrEqual(1_000 * tokensPerSentence * trie.maxDepth);
    // Doubling the text doubles the work exactly: each position is scanned the same way.
    expect(measure(2_000)).toBe(2 * steps);
    // A per-token walk that gives up at the first unknown word costs about one step per token.
    expect(steps).toBeLessThan(3 * 1_000 * tokensPerSentence);
  });
});
