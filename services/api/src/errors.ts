import { TrustwatchError } from '@trustwatch/schemas';

/** Every way an API request can fail; each code maps to one HTTP status and one problem type. */
export const API_ERROR_CODES = [
  // The request does not match its schema, or a cursor belongs to another listing.
  'INVALID_REQUEST',
  // No credentials, or credentials that are malformed, expired, revoked or signed by a stranger.
  'UNAUTHENTICATED',
  // Valid credentials whose role or scope does not allow the route.
  'FORBIDDEN',
  // No such resource, or one the caller may not see (the two are indistinguishable on purpose).
  'NOT_FOUND',
  // The resource exists in a state that refuses the change (an expired silence, a revoked key).
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  // A dependency (Redis, an alerting port) is unreachable: try again later.
  'UNAVAILABLE',
  // A bug: the response would not match its own schema, or something threw unexpectedly.
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** HTTP status of each code. */
export const API_ERROR_STATUS: Readonly<Record<ApiErrorCode, number>> = {
  INVALID_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** The one error class of the API; the error handler renders it as RFC 9457 problem+json. */
export class ApiError extends TrustwatchError<ApiErrorCode> {
  /** Per-field problems of an INVALID_REQUEST, e.g. `{ pointer: '/query/limit', detail: '...' }`. */
  readonly errors: readonly { readonly pointer: string; readonly detail: string }[];

  constructor(
    code: ApiErrorCode,
    message: string,
    options: { cause?: unknown; errors?: readonly { pointer: string; detail: string }[] } = {},
  ) {
    super(code, message, { retriable: code === 'UNAVAILABLE', cause: options.cause });
    this.errors = options.errors ?? [];
  }

  get status(): number {
    return API_ERROR_STATUS[this.code];
  }
}
