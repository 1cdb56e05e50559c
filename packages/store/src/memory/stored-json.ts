/**
 * A value the memory adapter keeps as JSON, as Redis would, plus its parsed and validated form, made on
 * the first read and kept for as long as the JSON stays. Reads of unchanged data then cost nothing, and a
 * value that fails validation fails on every read, as it would when read back from Redis.
 */
export interface StoredJson<T> {
  readonly json: string;
  parsed?: T;
}

/** Anything with zod's `parse`. */
export interface Parser<T> {
  parse(value: unknown): T;
}

/**
 * The parsed form of a stored value. It is shared by every reader, so it is frozen throughout: a caller
 * can copy it but never change what the next reader sees.
 */
export function readStored<T>(entry: StoredJson<T>, schema: Parser<T>): T {
  if (entry.parsed === undefined) entry.parsed = deepFreeze(schema.parse(JSON.parse(entry.json)));
  return entry.parsed;
}

/** Freezes a JSON-shaped value and everything in it; returns it for chaining. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
