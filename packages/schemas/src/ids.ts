import { createHash } from 'node:crypto';

/**
 * A stable id from the parts that identify a thing: the same parts always give the same id, so a
 * re-observed fact gets the same id and is deduplicated downstream. Parts are length-prefixed so
 * ("ab","c") and ("a","bc") differ.
 */
export function stableId(prefix: string, ...parts: readonly (string | number)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const text = String(part);
    hash.update(`${Buffer.byteLength(text)}:${text};`);
  }
  return `${prefix}_${hash.digest('hex').slice(0, 32)}`;
}
