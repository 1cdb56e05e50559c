import { ScoringError } from '../errors.js';

// Scoring reads the same few timestamps (occurredAt, reassessment times) again for every customer and
// scope, so parsed instants are kept. Bounded: the whole table is dropped once it holds this many.
const PARSED_LIMIT = 10_000;
const parsed = new Map<string, number>();

/** An instant as epoch milliseconds from an ISO string or a number, refusing anything that is not a time. */
export function toMillis(t: string | number): number {
  const ms = typeof t === 'number' ? t : parseInstant(t);
  if (!Number.isFinite(ms)) throw new ScoringError('INVALID_INSTANT', `not an instant: ${String(t)}`);
  return ms;
}

function parseInstant(t: string): number {
  const known = parsed.get(t);
  if (known !== undefined) return known;
  const ms = Date.parse(t);
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(t, ms);
  return ms;
}

export const HOUR_MS = 3_600_000;
