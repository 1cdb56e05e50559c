import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minhash, NEAR_DUPLICATE_JACCARD, shingles, similarity } from './minhash.js';

const jaccard = (a: Set<string>, b: Set<string>): number => {
  const shared = [...a].filter((item) => b.has(item)).length;
  return shared / (a.size + b.size - shared);
};

const STORY =
  'Tiny chips were implanted on Super Micro motherboards during manufacturing in China, according to people familiar with the investigation. About 30 companies were affected, including a major bank and government contractors. The chips gave attackers a stealth doorway into any network that included the altered machines.';

describe('minhash', () => {
  it('gives identical signatures for identical text and similarity 1', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }), (text) => {
        expect(similarity(minhash(text), minhash(text))).toBe(1);
      }),
    );
  });

  it('is symmetric', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(similarity(minhash(a), minhash(b))).toBe(similarity(minhash(b), minhash(a)));
      }),
    );
  });

  it('estimates the Jaccard similarity of the shingle sets within a few standard errors', () => {
    const copy = `${STORY} Distributed by Wire Wire. Reporting by a correspondent.`;
    const exact = jaccard(shingles(STORY), shingles(copy));
    expect(Math.abs(similarity(minhash(STORY), minhash(copy)) - exact)).toBeLessThan(0.2);
    expect(similarity(minhash(STORY), minhash(copy))).toBeGreaterThanOrEqual(NEAR_DUPLICATE_JACCARD);
  });

  it('keeps a different story on the same topic below the near-duplicate threshold', () => {
    const other =
      'Super Micro said on Thursday that it had never found malicious chips on its motherboards and asked the magazine to retract its story about the servers it sells.';
    expect(similarity(minhash(STORY), minhash(other))).toBeLessThan(NEAR_DUPLICATE_JACCARD);
  });
});
