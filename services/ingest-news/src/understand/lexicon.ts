import { CLAIM_KINDS } from '@trustwatch/schemas';
import { z } from 'zod';
import type { CompiledPhrase } from './phrase-match.js';
import { phraseWords, type PhraseWord } from './text.js';

export type { CompiledPhrase } from './phrase-match.js';

const phrases = z.array(z.string().trim().min(1).max(100)).max(500);

/** The operator-editable lexicon file (data/claim-lexicon.json) as it is validated. */
export const lexiconFileSchema = z.strictObject({
  about: z.string().optional(),
  negationWindow: z.int().min(1).max(20),
  negators: phrases,
  hedges: phrases,
  rules: z
    .array(
      z.strictObject({
        kind: z.enum(CLAIM_KINDS),
        cues: phrases.min(1),
        requires: phrases.optional(),
        unless: phrases.optional(),
      }),
    )
    .min(1)
    .refine((rules) => new Set(rules.map((rule) => rule.kind)).size === rules.length, 'each kind once'),
});
export type LexiconFile = z.infer<typeof lexiconFileSchema>;

export interface CompiledRule {
  readonly kind: LexiconFile['rules'][number]['kind'];
  /** Position in the file: lower wins when one clause carries cues of several kinds. */
  readonly precedence: number;
  readonly cues: readonly CompiledPhrase[];
  readonly requires: readonly CompiledPhrase[];
  /** Phrases that stop the rule firing (a retraction that was only asked for is not a retraction). */
  readonly unless: readonly CompiledPhrase[];
}

/** A lexicon ready for matching: every phrase tokenised once with the same tokenizer as the text. */
export interface Lexicon {
  readonly negationWindow: number;
  readonly negators: readonly PhraseWord[];
  readonly hedges: readonly CompiledPhrase[];
  readonly rules: readonly CompiledRule[];
}

function compile(list: readonly string[]): CompiledPhrase[] {
  return list
    .map((phrase) => ({
      phrase,
      segments: phrase
        .split('...')
        .map((part) => phraseWords(part))
        .filter((words) => words.length > 0),
    }))
    .filter((cue) => cue.segments.length > 0);
}

/** Validates lexicon data and compiles it; throws a ZodError naming the bad path. */
export function compileLexicon(data: unknown): Lexicon {
  const file = lexiconFileSchema.parse(data);
  return {
    negationWindow: file.negationWindow,
    negators: file.negators.flatMap((word) => phraseWords(word)),
    hedges: compile(file.hedges),
    rules: file.rules.map((rule, precedence) => ({
      kind: rule.kind,
      precedence,
      cues: compile(rule.cues),
      requires: compile(rule.requires ?? []),
      unless: compile(rule.unless ?? []),
    })),
  };
}
