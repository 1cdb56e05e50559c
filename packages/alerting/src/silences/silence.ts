import { z } from 'zod';
import { isoTimestampSchema } from '@trustwatch/schemas';
import {
  compileMatcher,
  matchesAll,
  matcherSchema,
  type CompiledMatcher,
  type LabelSet,
} from '../matchers/matcher.js';

/** What a person gives to create a silence (through the API or the CLI). */
export const silenceInputSchema = z.strictObject({
  matchers: z.array(matcherSchema).min(1).max(16),
  startsAt: isoTimestampSchema,
  endsAt: isoTimestampSchema,
  /** Who silenced it: shown next to every muted alert, so a silence always has an owner. */
  createdBy: z.string().min(1).max(128),
  /** Why: a silence without a reason is a forgotten alert. */
  comment: z.string().min(1).max(1000),
});
export type SilenceInput = z.infer<typeof silenceInputSchema>;

/** A stored silence. Expiring one sets `endsAt`; it stays listed (as expired) until pruned. */
export const silenceSchema = silenceInputSchema.extend({
  id: z.string().min(1).max(128),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
});
export type Silence = z.infer<typeof silenceSchema>;

export const SILENCE_STATES = ['pending', 'active', 'expired'] as const;
export type SilenceState = (typeof SILENCE_STATES)[number];

/** A silence's state at `now`: pending before `startsAt`, active until `endsAt` (exclusive), then expired. */
export function silenceState(silence: Silence, now: number): SilenceState {
  if (now < Date.parse(silence.startsAt)) return 'pending';
  return now < Date.parse(silence.endsAt) ? 'active' : 'expired';
}

// Compiled once per silence object: a storm checks every alert against every silence.
const compiled = new WeakMap<Silence, readonly CompiledMatcher[]>();

function matchersOf(silence: Silence): readonly CompiledMatcher[] {
  let matchers = compiled.get(silence);
  if (matchers === undefined) {
    matchers = silence.matchers.map(compileMatcher);
    compiled.set(silence, matchers);
  }
  return matchers;
}

/** Whether a silence mutes an alert with these labels at `now`. */
export function silenceMutes(silence: Silence, labels: LabelSet, now: number): boolean {
  return silenceState(silence, now) === 'active' && matchesAll(matchersOf(silence), labels);
}

/** Compiled matchers of a silence (regexes checked for safety); throws `AlertingError` `UNSAFE_REGEX`. */
export function compileSilenceMatchers(silence: Pick<Silence, 'matchers'>): readonly CompiledMatcher[] {
  return silence.matchers.map(compileMatcher);
}
