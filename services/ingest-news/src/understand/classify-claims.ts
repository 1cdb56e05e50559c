import type { ClaimKind, NewsClaim } from '@trustwatch/schemas';
import type { CompiledRule, Lexicon } from './lexicon.js';
import { findPhrase, sameWord, type CompiledPhrase } from './phrase-match.js';
import type { Sentence, WordToken } from './text.js';

type Stance = NewsClaim['stance'];

/** Where one entity is named inside a sentence (UTF-16 offsets into the sentence text). */
export interface SentenceMention {
  readonly entityId: string;
  readonly start: number;
  readonly end: number;
}

/** A claim read from one clause of one sentence, with the cue that fired, for explanations and tests. */
export interface ClauseClaim {
  readonly kind: ClaimKind;
  readonly stance: Stance;
  /** The lexicon phrase that decided the kind. */
  readonly cue: string;
}

/** A claim attributed to an entity, with the sentence that supports it. */
export interface SentenceClaim extends ClauseClaim {
  readonly entityId: string;
  readonly sentence: string;
}

// Words that open a new clause: a denial after "but" or "which" is usually someone else's.
const CLAUSE_BREAKS = new Set([
  ';',
  ':',
  ',',
  'but',
  'while',
  'whereas',
  'although',
  'though',
  'however',
  'which',
  '—',
  '–',
]);

/**
 * Classifies one clause: the highest-precedence rule whose cue (and required co-cue) is present decides
 * the kind; a negator shortly before that cue makes the stance `denies`, a hedge anywhere in the clause
 * makes it `hedged`. Returns undefined when no rule fires.
 */
export function classifyClause(tokens: readonly WordToken[], lexicon: Lexicon): ClauseClaim | undefined {
  const fired: { rule: CompiledRule; at: number; cue: CompiledPhrase }[] = [];
  for (const rule of lexicon.rules) {
    const hit = findPhrase(tokens, rule.cues);
    if (hit === undefined) continue;
    if (rule.requires.length > 0 && findPhrase(tokens, rule.requires) === undefined) continue;
    if (rule.unless.length > 0 && findPhrase(tokens, rule.unless) !== undefined) continue;
    fired.push({ rule, at: hit.at, cue: hit.phrase });
  }
  const best = fired.sort((a, b) => a.rule.precedence - b.rule.precedence)[0];
  if (best === undefined) return undefined;
  return { kind: best.rule.kind, stance: stanceOf(tokens, best.at, lexicon), cue: best.cue.phrase };
}

function stanceOf(tokens: readonly WordToken[], cueAt: number, lexicon: Lexicon): Stance {
  const window = tokens.slice(Math.max(0, cueAt - lexicon.negationWindow), cueAt);
  if (window.some((token) => lexicon.negators.some((negator) => sameWord(token, negator)))) {
    return 'denies';
  }
  return findPhrase(tokens, lexicon.hedges) === undefined ? 'asserts' : 'hedged';
}

/** Splits a sentence's tokens into clauses at punctuation and clause-opening conjunctions. */
export function clausesOf(sentence: Sentence): { tokens: WordToken[]; start: number; end: number }[] {
  const clauses: { tokens: WordToken[]; start: number; end: number }[] = [];
  let current: WordToken[] = [];
  const flush = (): void => {
    const first = current[0];
    const last = current[current.length - 1];
    if (first !== undefined && last !== undefined)
      clauses.push({ tokens: current, start: first.start, end: last.end });
    current = [];
  };
  for (const token of sentence.tokens) {
    if (CLAUSE_BREAKS.has(token.normal)) flush();
    if (!token.punctuation) current.push(token);
  }
  flush();
  return clauses;
}

/**
 * Reads the claims of one sentence and attributes each to entities: those named in the same clause,
 * plus those named in the claim-less clauses just before it ("Apple, Amazon and Super Micro denied");
 * a clause naming nobody ("but the company denied it") falls back to the entities named last, in this
 * sentence or, failing that, in `previous` (the entities of the sentence before).
 */
export function claimsOfSentence(
  sentence: Sentence,
  mentions: readonly SentenceMention[],
  lexicon: Lexicon,
  previous: readonly string[],
): { claims: SentenceClaim[]; lastEntities: string[] } {
  const claims: SentenceClaim[] = [];
  let pending: string[] = [];
  let lastEntities = [...previous];
  const clauses = clausesOf(sentence).map((clause) => ({
    ...clause,
    claim: classifyClause(clause.tokens, lexicon),
  }));
  // An attribution clause without a claim of its own ("..., a customer alleged") hedges the sentence.
  const attributedHedge = clauses.some(
    (clause) => clause.claim === undefined && findPhrase(clause.tokens, lexicon.hedges) !== undefined,
  );
  for (const clause of clauses) {
    const named = unique(
      mentions.filter((m) => m.start >= clause.start && m.start < clause.end).map((m) => m.entityId),
    );
    const claim = clause.claim;
    if (claim === undefined) {
      pending = unique([...pending, ...named]);
      if (named.length > 0) lastEntities = named;
      continue;
    }
    const stance = attributedHedge && claim.stance === 'asserts' ? 'hedged' : claim.stance;
    const direct = unique([...pending, ...named]);
    const targets = direct.length > 0 ? direct : lastEntities;
    for (const entityId of targets) claims.push({ ...claim, stance, entityId, sentence: sentence.text });
    pending = [];
    if (named.length > 0) lastEntities = named;
  }
  if (pending.length > 0) lastEntities = pending;
  return { claims, lastEntities };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
