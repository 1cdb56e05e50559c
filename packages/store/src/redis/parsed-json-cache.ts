import { deepFreeze, type Parser } from '../memory/stored-json.js';

/**
 * Parsed, validated values by the exact JSON text Redis returned: a read of text parsed before reuses
 * its value instead of running JSON.parse and the schema again. Keyed by the whole string, so any change
 * in Redis is a miss and is validated afresh. Values are deep-frozen: every reader gets the same object,
 * and none can change what the next one sees. Text that fails to parse or validate is never kept, so it
 * fails on every read. Bounded by the characters of the kept texts: past `maxChars` the least recently
 * read entries go first.
 */
export interface ParsedJsonCache<T> {
  /** The value of `json`, parsed, validated and frozen; throws as the schema (or JSON.parse) does. */
  parse(json: string): T;
  /** Texts kept and their total characters (for tests of the bound). */
  size(): { readonly entries: number; readonly chars: number };
}

export function createParsedJsonCache<T>(schema: Parser<T>, maxChars: number): ParsedJsonCache<T> {
  const entries = new Map<string, T>();
  let chars = 0;
  return {
    parse(json) {
      const hit = entries.get(json);
      if (hit !== undefined) {
        // Moved to the newest end: a customer's factors, read on every event, outlive one-off reads.
        entries.delete(json);
        entries.set(json, hit);
        return hit;
      }
      const value = deepFreeze(schema.parse(JSON.parse(json)));
      // A text larger than the whole bound would only evict everything else to be evicted itself.
      if (json.length > maxChars) return value;
      entries.set(json, value);
      chars += json.length;
      while (chars > maxChars) {
        const oldest = entries.keys().next();
        if (oldest.done === true) break;
        entries.delete(oldest.value);
        chars -= oldest.value.length;
      }
      return value;
    },
    size: () => ({ entries: entries.size, chars }),
  };
}
