import type { EntityKind } from './catalog-schema.js';
import type { Token } from './tokens.js';

/** One alias as the matcher sees it. */
export interface AliasPattern {
  readonly entityId: string;
  readonly kind: EntityKind;
  /** The alias as written in the catalog. */
  readonly alias: string;
  readonly folded: readonly string[];
  /** Set for case-sensitive aliases: the raw words a text must repeat exactly. */
  readonly exact?: readonly string[];
}

/** A match over token positions `[start, end)`. */
export interface TokenMatch {
  readonly start: number;
  readonly end: number;
  readonly pattern: AliasPattern;
}

interface TrieNode {
  readonly children: Map<string, TrieNode>;
  readonly patterns: AliasPattern[];
}

function newNode(): TrieNode {
  return { children: new Map(), patterns: [] };
}

/**
 * A trie over folded alias words, built once. Scanning walks it from each text position, so the work is
 * at most (text tokens) x (longest alias in tokens), independent of how many aliases there are: the
 * longest alias is a handful of words, which keeps a scan linear in the text in practice.
 */
export class TokenTrie {
  private readonly root = newNode();
  private depth = 0;

  add(pattern: AliasPattern): void {
    let node = this.root;
    for (const word of pattern.folded) {
      let next = node.children.get(word);
      if (next === undefined) {
        next = newNode();
        node.children.set(word, next);
      }
      node = next;
    }
    node.patterns.push(pattern);
    this.depth = Math.max(this.depth, pattern.folded.length);
  }

  /** Number of words in the longest alias: the bound on trie steps per text token. */
  get maxDepth(): number {
    return this.depth;
  }

  /**
   * Leftmost-longest, non-overlapping matches. `work.steps` (when given) counts trie steps, so tests can
   * check the scan's cost without timing it.
   */
  scan(tokens: readonly Token[], work?: { steps: number }): TokenMatch[] {
    const matches: TokenMatch[] = [];
    let start = 0;
    while (start < tokens.length) {
      const found = this.longestAt(tokens, start, work);
      if (found === undefined) {
        start += 1;
      } else {
        matches.push(found);
        start = found.end;
      }
    }
    return matches;
  }

  private longestAt(
    tokens: readonly Token[],
    start: number,
    work: { steps: number } | undefined,
  ): TokenMatch | undefined {
    let node: TrieNode | undefined = this.root;
    let best: TokenMatch | undefined;
    for (let end = start; end < tokens.length; end += 1) {
      node = node.children.get((tokens[end] as Token).folded);
      if (work !== undefined) work.steps += 1;
      if (node === undefined) break;
      const pattern = node.patterns.find((candidate) => acceptsCase(candidate, tokens, start));
      if (pattern !== undefined) best = { start, end: end + 1, pattern };
    }
    return best;
  }
}

function acceptsCase(pattern: AliasPattern, tokens: readonly Token[], start: number): boolean {
  return pattern.exact?.every((word, i) => tokens[start + i]?.raw === word) ?? true;
}
