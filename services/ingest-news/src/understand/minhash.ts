import { createHash } from 'node:crypto';

/** Words per shingle: three keeps word order, so two texts on one topic do not look alike by vocabulary. */
const SHINGLE_WORDS = 3;
/** Number of hash functions; the Jaccard estimate's standard error is about 1/sqrt(64) = 0.125 at worst. */
export const MINHASH_SIZE = 64;
/** Rows per LSH band: 16 bands of 4 make a pair with Jaccard 0.7 a candidate with probability 0.99. */
const BAND_ROWS = 4;

/**
 * Estimated Jaccard similarity at or above which two texts are one story. A syndicated copy differs by a
 * byline, a footer or a trimmed paragraph (0.8-0.95 on news-length texts); two outlets' own stories on
 * the same event share far fewer 3-word shingles (below 0.3).
 */
export const NEAR_DUPLICATE_JACCARD = 0.7;

function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/** The word 3-shingles of a text; a text shorter than one shingle is its own single shingle. */
export function shingles(text: string): Set<string> {
  const list = words(text);
  if (list.length < SHINGLE_WORDS) return new Set([list.join(' ')]);
  const result = new Set<string>();
  for (let i = 0; i + SHINGLE_WORDS <= list.length; i += 1)
    result.add(list.slice(i, i + SHINGLE_WORDS).join(' '));
  return result;
}

/**
 * The MinHash signature of a text over its word 3-shingles (Broder 1997). The i-th hash function is
 * h1 + i*h2 (Kirsch-Mitzenmacher double hashing) over two 32-bit halves of the shingle's SHA-256.
 */
export function minhash(text: string): Uint32Array {
  const signature = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const shingle of shingles(text)) {
    const digest = createHash('sha256').update(shingle).digest();
    const h1 = digest.readUInt32BE(0);
    const h2 = digest.readUInt32BE(4) | 1;
    for (let i = 0; i < MINHASH_SIZE; i += 1) {
      const value = (h1 + Math.imul(i, h2)) >>> 0;
      if (value < (signature[i] ?? 0xffffffff)) signature[i] = value;
    }
  }
  return signature;
}

/** Estimated Jaccard similarity: the share of positions where two signatures agree. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < MINHASH_SIZE; i += 1) if (a[i] === b[i]) same += 1;
  return same / MINHASH_SIZE;
}

/** LSH band keys: texts sharing any band are compared, so finding near duplicates needs no full scan. */
export function bands(signature: Uint32Array): string[] {
  const keys: string[] = [];
  for (let start = 0; start < MINHASH_SIZE; start += BAND_ROWS) {
    keys.push(`${start}:${Array.from(signature.subarray(start, start + BAND_ROWS)).join(',')}`);
  }
  return keys;
}
