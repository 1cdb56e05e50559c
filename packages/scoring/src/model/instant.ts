import { ScoringError } from '../errors.js';

/** An instant as epoch milliseconds from an ISO string or a number, refusing anything that is not a time. */
export function toMillis(t: string | number): number {
  const ms = typeof t === 'number' ? t : Date.parse(t);
  if (!Number.isFinite(ms)) throw new ScoringError('INVALID_INSTANT', `not an instant: ${String(t)}`);
  return ms;
}

export const HOUR_MS = 3_600_000;
