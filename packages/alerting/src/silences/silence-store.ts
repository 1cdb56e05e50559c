import { z } from 'zod';
import { AlertingError } from '../errors.js';
import type { LabelSet } from '../matchers/matcher.js';
import {
  compileSilenceMatchers,
  silenceInputSchema,
  silenceMutes,
  silenceState,
  type Silence,
  type SilenceState,
} from './silence.js';

// Bounds the store so a script creating silences in a loop cannot make every alert check slow.
export const MAX_SILENCES = 10_000;

/** Every silence by id: a plain JSON-serialisable object that the caller persists. */
export interface SilenceStore {
  readonly version: 1;
  readonly silences: Readonly<Record<string, Silence>>;
}

/** A store with no silences. */
export function emptySilenceStore(): SilenceStore {
  return { version: 1, silences: {} };
}

/**
 * Adds a silence. `id` is chosen by the caller (the clock and ids are injected). Throws `AlertingError`
 * `INVALID_SILENCE` when the input is malformed, ends before it starts or before `now`, or has no
 * matcher that needs a non-empty label (such a silence would mute every alert), and `UNSAFE_REGEX`
 * for a dangerous regex.
 */
export function createSilence(
  store: SilenceStore,
  input: unknown,
  options: { readonly id: string; readonly now: number },
): { store: SilenceStore; silence: Silence } {
  const parsed = silenceInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new AlertingError(
      'INVALID_SILENCE',
      `silence is invalid: ${z.prettifyError(parsed.error)}`,
      parsed.error,
    );
  }
  const silenceInput = parsed.data;
  if (Date.parse(silenceInput.endsAt) <= Date.parse(silenceInput.startsAt)) {
    throw new AlertingError('INVALID_SILENCE', 'a silence must end after it starts');
  }
  if (Date.parse(silenceInput.endsAt) <= options.now) {
    throw new AlertingError('INVALID_SILENCE', 'a silence must end in the future');
  }
  if (compileSilenceMatchers(silenceInput).every((matcher) => matcher.test({}))) {
    throw new AlertingError('INVALID_SILENCE', 'at least one matcher must not match an empty label');
  }
  if (store.silences[options.id] !== undefined) {
    throw new AlertingError('INVALID_SILENCE', `silence ${options.id} already exists`);
  }
  if (Object.keys(store.silences).length >= MAX_SILENCES) {
    throw new AlertingError(
      'INVALID_SILENCE',
      `at most ${MAX_SILENCES} silences are kept; prune expired ones`,
    );
  }
  const at = new Date(options.now).toISOString();
  const silence: Silence = { ...silenceInput, id: options.id, createdAt: at, updatedAt: at };
  return { store: { ...store, silences: { ...store.silences, [silence.id]: silence } }, silence };
}

/** A silence with its state at the instant it was listed. */
export interface SilenceView {
  readonly silence: Silence;
  readonly state: SilenceState;
}

/** Silences at `now`, newest first, optionally only those in one state. */
export function listSilences(store: SilenceStore, now: number, state?: SilenceState): SilenceView[] {
  return Object.values(store.silences)
    .map((silence) => ({ silence, state: silenceState(silence, now) }))
    .filter((view) => state === undefined || view.state === state)
    .sort(
      (a, b) =>
        b.silence.createdAt.localeCompare(a.silence.createdAt) || a.silence.id.localeCompare(b.silence.id),
    );
}

/**
 * Ends a silence at `now` (a pending one never starts). Expiring an expired silence changes nothing.
 * Throws `AlertingError` `SILENCE_NOT_FOUND` for an unknown id.
 */
export function expireSilence(store: SilenceStore, id: string, now: number): SilenceStore {
  const silence = store.silences[id];
  if (silence === undefined) throw new AlertingError('SILENCE_NOT_FOUND', `no silence ${id}`);
  if (silenceState(silence, now) === 'expired') return store;
  const at = new Date(now).toISOString();
  const startsAt = silenceState(silence, now) === 'pending' ? at : silence.startsAt;
  const expired: Silence = { ...silence, startsAt, endsAt: at, updatedAt: at };
  return { ...store, silences: { ...store.silences, [id]: expired } };
}

/** Forgets silences expired for longer than `retentionMs` (they stay listed until then, for audit). */
export function pruneSilences(store: SilenceStore, now: number, retentionMs: number): SilenceStore {
  const silences = Object.fromEntries(
    Object.entries(store.silences).filter(([, silence]) => Date.parse(silence.endsAt) + retentionMs > now),
  );
  return { ...store, silences };
}

/** Ids of the silences muting an alert with these labels at `now` (empty: not silenced). */
export function silencedBy(store: SilenceStore, labels: LabelSet, now: number): string[] {
  return Object.values(store.silences)
    .filter((silence) => silenceMutes(silence, labels, now))
    .map((silence) => silence.id);
}
