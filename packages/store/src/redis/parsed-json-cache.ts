import { deepFreeze, type Parser } from '../memory/stored-json.js';

/**
 * Parsed, validated values of the JSON texts Redis returned, kept per owner: the place they are stored
 * at (a customer's factors, a customer's summary, one shared factor). A read of text its owner held at
 * its last read reuses the value instead of running JSON.parse and the schema again; any other text is
 * a miss and is validated afresh, so any change in Redis is seen. The owner then keeps exactly the texts
 * of this read: a text it no longer holds is dropped at once (keyed by text alone, every rewrite of a
 * customer's factor or summary left its old text behind until the bound pushed it out, and at one
 * rewrite per event the cache held little else). Values are deep-frozen: every reader gets the same
 * object, and none can change what the next one sees. Text that fails to parse or validate is never
 * kept, so it fails on every read. Bounded by the characters of the kept texts: past `maxChars` the
 * least recently read owners go first.
 */
export interface ParsedJsonCache<T> {
  /**
   * The values of `texts`, everything Redis holds at `owner` now, parsed, validated and frozen, in
   * order; throws as the schema (or JSON.parse) does.
   */
  parseAll(owner: string, texts: readonly string[]): T[];
  /** `parseAll` of the one text stored at `owner`. */
  parse(owner: string, text: string): T;
  /** Owners and texts kept and their total characters (for tests of the bound). */
  size(): { readonly owners: number; readonly entries: number; readonly chars: number };
}

interface Kept<T> {
  readonly byText: ReadonlyMap<string, T>;
  readonly chars: number;
}

export function createParsedJsonCache<T>(schema: Parser<T>, maxChars: number): ParsedJsonCache<T> {
  const owners = new Map<string, Kept<T>>();
  let chars = 0;
  let entries = 0;

  function forget(owner: string, kept: Kept<T>): void {
    owners.delete(owner);
    chars -= kept.chars;
    entries -= kept.byText.size;
  }

  // Moved to the newest end: a customer's factors, read on every event, outlive one-off reads.
  function keep(owner: string, kept: Kept<T>): void {
    // More than the whole bound would only evict everything else to be evicted itself.
    if (kept.chars > maxChars) return;
    owners.set(owner, kept);
    chars += kept.chars;
    entries += kept.byText.size;
    while (chars > maxChars) {
      const oldest = owners.entries().next();
      if (oldest.done === true) break;
      forget(...oldest.value);
    }
  }

  function parseAll(owner: string, texts: readonly string[]): T[] {
    const before = owners.get(owner);
    if (before !== undefined) forget(owner, before);
    const byText = new Map<string, T>();
    let ownChars = 0;
    const values = texts.map((text) => {
      let value = byText.get(text);
      if (value !== undefined) return value;
      value = before?.byText.get(text) ?? deepFreeze(schema.parse(JSON.parse(text)));
      byText.set(text, value);
      ownChars += text.length;
      return value;
    });
    keep(owner, { byText, chars: ownChars });
    return values;
  }

  return {
    parseAll,
    parse: (owner, text) => parseAll(owner, [text])[0] as T,
    size: () => ({ owners: owners.size, entries, chars }),
  };
}
