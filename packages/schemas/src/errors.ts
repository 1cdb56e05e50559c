/**
 * The error pattern every Trustwatch package follows: a closed `as const` list of codes, one error class
 * carrying `code`, `retriable` and `cause`. Callers branch on `retriable` (and sometimes `code`), never
 * on `message`.
 */
export class TrustwatchError<Code extends string = string> extends Error {
  readonly code: Code;
  /** True when the same operation may succeed if tried again later (infrastructure down, timeout). */
  readonly retriable: boolean;

  constructor(code: Code, message: string, options: { retriable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = options.retriable;
  }
}

/** Unknown errors (a bug, a library throwing something odd) are treated as retriable: never drop data on a guess. */
export function isRetriable(error: unknown): boolean {
  return error instanceof TrustwatchError ? error.retriable : true;
}

export const SCHEMA_ERROR_CODES = [
  'MALFORMED_ENVELOPE',
  'INVALID_JSON',
  'FORBIDDEN_KEY',
  'OVERSIZE',
  'UNSUPPORTED_CONTENT_TYPE',
  'UNKNOWN_TYPE',
  'SCHEMA_VIOLATION',
] as const;
export type SchemaErrorCode = (typeof SCHEMA_ERROR_CODES)[number];

/** Bad input: an event that will never become valid by retrying. Goes to the dead-letter topic. */
export class SchemaError extends TrustwatchError<SchemaErrorCode> {
  constructor(code: SchemaErrorCode, message: string, cause?: unknown) {
    super(code, message, { retriable: false, cause });
  }
}
