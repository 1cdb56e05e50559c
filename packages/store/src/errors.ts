import { TrustwatchError } from '@trustwatch/schemas';

/** Every way a store call can fail. Callers branch on `retriable`, sometimes on `code`, never on text. */
export const STORE_ERROR_CODES = [
  // Redis unreachable, timed out, failing over or flushing the command queue: try again later.
  'UNAVAILABLE',
  // A script rejected its arguments before writing anything: a bug in the caller, retrying cannot help.
  'INVALID_ARGUMENT',
  // A script or reply did not have the shape this package wrote: corrupt state or a version mismatch.
  'CORRUPT_STATE',
  // A fleet file (CycloneDX or the simple format) is not valid; nothing was imported.
  'INVALID_FLEET',
] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

const RETRIABLE: Readonly<Record<StoreErrorCode, boolean>> = {
  UNAVAILABLE: true,
  INVALID_ARGUMENT: false,
  CORRUPT_STATE: false,
  INVALID_FLEET: false,
};

/** The one error class of the store. */
export class StoreError extends TrustwatchError<StoreErrorCode> {
  /** For INVALID_FLEET: the JSON path (or CSV line) of the first violation, e.g. `/components/0/type`. */
  readonly path: string | undefined;

  constructor(code: StoreErrorCode, message: string, options: { cause?: unknown; path?: string } = {}) {
    super(code, message, { retriable: RETRIABLE[code], cause: options.cause });
    this.path = options.path;
  }
}

/**
 * Negative return codes shared by every script in lua/ (each script's header lists the ones it uses).
 * Scripts return them before any write, so a negative code always means "nothing changed".
 */
export const SCRIPT_ERROR_CODES: Readonly<Record<number, string>> = {
  [-1]: 'argument count does not match the declared item counts',
  [-2]: 'a numeric argument is not a finite integer',
  [-3]: 'a required identifier or payload is empty',
};

/** Maps a script's negative return code to a StoreError naming the script. */
export function scriptError(script: string, code: number): StoreError {
  const reason = SCRIPT_ERROR_CODES[code] ?? `unknown code ${String(code)}`;
  const kind = code in SCRIPT_ERROR_CODES ? 'INVALID_ARGUMENT' : 'CORRUPT_STATE';
  return new StoreError(kind, `${script} refused its arguments: ${reason}`);
}

/** Wraps an ioredis failure (connection closed, timeout, READONLY, retries exhausted) as retriable. */
export function unavailable(operation: string, cause: unknown): StoreError {
  if (cause instanceof StoreError) return cause;
  return new StoreError('UNAVAILABLE', `Redis ${operation} failed`, { cause });
}
