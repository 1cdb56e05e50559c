import safeRegex from 'safe-regex2';
import { z } from 'zod';
import { AlertingError } from '../errors.js';

export const MATCH_OPERATORS = ['=', '!=', '=~', '!~'] as const;
export type MatchOperator = (typeof MATCH_OPERATORS)[number];

// Regexes come from people (silences, routes) and run on every alert, so the syntax is limited to what
// cannot backtrack badly: bounded length; no back-references or look-arounds; no repeated group (star
// height and overlapping alternatives like `(a|a)*` are both exponential, and safe-regex2's star-height
// check alone misses the latter); at most two unbounded quantifiers (`.*x.*` is fine, while k of them
// cost up to n^k steps on an n-character label).
export const MAX_REGEX_LENGTH = 256;
const MAX_UNBOUNDED_QUANTIFIERS = 2;
const FORBIDDEN_SYNTAX = /\\[1-9]|\\k<|\(\?[=!<]/;
const REPEATED_GROUP = /\)[*+{]/;
const UNBOUNDED_QUANTIFIER = /(?<!\\)[*+]|\{\d+,\}/g;

/** A label matcher as Alertmanager writes it: `severity="critical"`, `vendor=~"super.*"`. */
export const matcherSchema = z.strictObject({
  name: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/, 'must be a label name'),
  op: z.enum(MATCH_OPERATORS),
  value: z.string().max(1024),
});
export type Matcher = z.infer<typeof matcherSchema>;

/** A label set matchers apply to (absent labels match as the empty string, as in Alertmanager). */
export type LabelSet = Readonly<Record<string, string | undefined>>;

/**
 * Compiles a matcher's regex, anchored at both ends as Alertmanager does. Throws `AlertingError`
 * `UNSAFE_REGEX` for a pattern that is too long, uses back-references or look-arounds, may backtrack
 * catastrophically, or does not compile.
 */
export function compileRegex(pattern: string): RegExp {
  if (pattern.length > MAX_REGEX_LENGTH) {
    throw new AlertingError('UNSAFE_REGEX', `regex longer than ${MAX_REGEX_LENGTH} characters`);
  }
  if (FORBIDDEN_SYNTAX.test(pattern)) {
    throw new AlertingError('UNSAFE_REGEX', 'back-references and look-arounds are not allowed');
  }
  if (REPEATED_GROUP.test(pattern)) {
    throw new AlertingError(
      'UNSAFE_REGEX',
      'a group may not be repeated with *, + or {n,m} (use ? or list values)',
    );
  }
  if ((pattern.match(UNBOUNDED_QUANTIFIER)?.length ?? 0) > MAX_UNBOUNDED_QUANTIFIERS) {
    throw new AlertingError(
      'UNSAFE_REGEX',
      `at most ${MAX_UNBOUNDED_QUANTIFIERS} unbounded quantifiers (*, +, {n,})`,
    );
  }
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${pattern})$`, 'u');
  } catch (error) {
    throw new AlertingError('UNSAFE_REGEX', `regex does not compile: ${pattern}`, error);
  }
  if (!safeRegex(regex)) {
    throw new AlertingError('UNSAFE_REGEX', `regex may backtrack catastrophically: ${pattern}`);
  }
  return regex;
}

/** A matcher ready to run: regexes compiled and checked once. */
export interface CompiledMatcher {
  readonly matcher: Matcher;
  readonly test: (labels: LabelSet) => boolean;
}

/** Checks and compiles a matcher; throws `AlertingError` `UNSAFE_REGEX` for a dangerous regex. */
export function compileMatcher(matcher: Matcher): CompiledMatcher {
  const { name, op, value } = matcher;
  if (op === '=' || op === '!=') {
    const equal = op === '=';
    return { matcher, test: (labels) => ((labels[name] ?? '') === value) === equal };
  }
  const regex = compileRegex(value);
  const positive = op === '=~';
  return { matcher, test: (labels) => regex.test(labels[name] ?? '') === positive };
}

/** Whether every matcher matches the labels (an empty list matches everything). */
export function matchesAll(matchers: readonly CompiledMatcher[], labels: LabelSet): boolean {
  return matchers.every((matcher) => matcher.test(labels));
}

const MATCHER_TEXT = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/;

/**
 * Parses Alertmanager's text form, `name op "value"` (`\"` and `\\` escaped in the value). Throws
 * `AlertingError` `INVALID_MATCHER` when the text is not one matcher.
 */
export function parseMatcher(text: string): Matcher {
  const match = MATCHER_TEXT.exec(text);
  if (match === null) {
    throw new AlertingError(
      'INVALID_MATCHER',
      `not a matcher (expected name="value"): ${text.slice(0, 100)}`,
    );
  }
  const [, name = '', op = '=', raw = ''] = match;
  return matcherSchema.parse({ name, op, value: raw.replace(/\\(.)/g, '$1') });
}

/** The text form of a matcher, as `parseMatcher` reads it. */
export function formatMatcher(matcher: Matcher): string {
  return `${matcher.name}${matcher.op}"${matcher.value.replace(/["\\]/g, '\\$&')}"`;
}

/** A matcher written in a config file as text; checked (regex safety included) when the file is read. */
export const matcherTextSchema = z.string().transform((text, ctx) => {
  try {
    const matcher = parseMatcher(text);
    compileMatcher(matcher);
    return matcher;
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
    return z.NEVER;
  }
});
