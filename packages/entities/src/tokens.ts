/** One word of a text: its original spelling, its folded form, and where it sits (UTF-16 offsets). */
export interface Token {
  /** The word as written, for case-sensitive aliases. */
  readonly raw: string;
  /** Lower case, diacritics removed: what case-insensitive matching compares. */
  readonly folded: string;
  readonly start: number;
  readonly end: number;
}

// Letters and digits of any script; everything else (spaces, punctuation, symbols) separates words, so
// "Super-Micro", "Super Micro" and "Super.Micro" all give the same two tokens. Chinese and Japanese
// are written without spaces, so each Han or kana character is a token of its own: "美超微" is three
// tokens and matches inside "美超微電腦".
const WORD =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{N}])+/gu;
// Compatibility decomposition can turn a letter into a space plus a mark (U+FE72), so anything that is
// not a letter or digit after folding is dropped too.
const NOT_WORD = /[^\p{L}\p{N}]/gu;

const decompose = (text: string): string => text.normalize('NFKD').replace(NOT_WORD, '');

/**
 * Lower case with diacritics removed, so "Société" and "societe" compare equal. Decomposes both before
 * lower-casing (`𝔸` is only an `A` once decomposed) and after (`İ` lower-cases to `i` plus a mark).
 */
export function foldWord(word: string): string {
  return decompose(decompose(word).toLowerCase());
}

/** Splits a text into words, keeping each word's offsets into the original text. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    // Folding can change how a word splits (`ゟ` decomposes to two kana), so the folded form is split
    // again; each piece keeps the original word's span.
    for (const piece of foldWord(raw).match(WORD) ?? []) {
      tokens.push({ raw, folded: piece, start: match.index, end: match.index + raw.length });
    }
  }
  return tokens;
}
