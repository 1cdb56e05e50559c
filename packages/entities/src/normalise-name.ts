import { legalSuffixLength } from './legal-suffixes.js';
import { tokenize, type Token } from './tokens.js';

/**
 * The lookup key of an organisation or product name: folded words without punctuation, a leading
 * "the" or trailing legal forms, joined by single spaces. `"Super Micro Computer, Inc."` ->
 * `"super micro computer"`. Returns `""` when the name has no letters or digits.
 */
export function normaliseName(name: string): string {
  return significantTokens(name)
    .map((token) => token.folded)
    .join(' ');
}

/** The tokens of a name that identify it: {@link normaliseName} before joining, with the raw spelling kept. */
export function significantTokens(name: string): Token[] {
  let tokens = tokenize(name);
  if (tokens.length > 1 && tokens[0]?.folded === 'the') tokens = tokens.slice(1);
  const suffix = legalSuffixLength(tokens.map((token) => token.folded));
  return tokens.slice(0, tokens.length - suffix);
}
