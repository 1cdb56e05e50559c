import type { PhraseWord, WordToken } from './text.js';

/** Most words allowed between the parts of a gapped cue (`move ... production`). */
export const MAX_GAP = 4;

/**
 * A lexicon phrase compiled to lemmas. `...` in the phrase splits it into segments that may have up to
 * {@link MAX_GAP} words between them, so `move ... production` also reads "moved motherboard production".
 */
export interface CompiledPhrase {
  readonly phrase: string;
  readonly segments: readonly (readonly PhraseWord[])[];
}

/** Where a phrase matched: the first token of its first segment and one past its last token. */
export interface PhraseHit {
  readonly phrase: CompiledPhrase;
  readonly at: number;
  readonly end: number;
}

/** True when a sentence token is the phrase word in either of its forms ("hidden" read as "hide" or not). */
export function sameWord(token: WordToken, word: PhraseWord): boolean {
  return (
    token.normal === word.normal ||
    token.lemma === word.lemma ||
    token.lemma === word.normal ||
    token.normal === word.lemma
  );
}

function segmentAt(tokens: readonly WordToken[], at: number, words: readonly PhraseWord[]): boolean {
  return words.every((word, offset) => {
    const token = tokens[at + offset];
    return token !== undefined && sameWord(token, word);
  });
}

function matchFrom(tokens: readonly WordToken[], at: number, phrase: CompiledPhrase): number | undefined {
  const [first, ...rest] = phrase.segments;
  if (first === undefined || !segmentAt(tokens, at, first)) return undefined;
  let end = at + first.length;
  for (const segment of rest) {
    let found: number | undefined;
    for (let next = end; next <= end + MAX_GAP && found === undefined; next += 1) {
      if (segmentAt(tokens, next, segment)) found = next;
    }
    if (found === undefined) return undefined;
    end = found + segment.length;
  }
  return end;
}

/** The leftmost match of any of the phrases in the tokens, or undefined. */
export function findPhrase(
  tokens: readonly WordToken[],
  phrases: readonly CompiledPhrase[],
): PhraseHit | undefined {
  for (let at = 0; at < tokens.length; at += 1) {
    for (const phrase of phrases) {
      const end = matchFrom(tokens, at, phrase);
      if (end !== undefined) return { phrase, at, end };
    }
  }
  return undefined;
}
