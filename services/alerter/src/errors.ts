import { TrustwatchError } from '@trustwatch/schemas';

/** Every way a delivery step can fail. The engine branches on `retriable` (and `code`), never on text. */
export const ALERTER_ERROR_CODES = [
  // The URL's scheme is not http(s), or it cannot be parsed: a configuration error.
  'URL_REFUSED',
  // The URL resolves (or is written as) an address the SSRF policy refuses: loopback, private, metadata...
  'SSRF_REFUSED',
  // The receiver did not answer within the deadline: it may answer next time.
  'TIMEOUT',
  // Connection refused or reset, DNS failure: the receiver may be back later.
  'NETWORK',
  // A receiver's configuration is invalid (unknown kind, missing secret).
  'INVALID_RECEIVER',
  // The alerter's rule, routing or receivers files do not fit together: fail at startup.
  'INVALID_CONFIG',
  // Another alerter step kept moving the customer's state while this one tried to commit: try again.
  'STATE_CONFLICT',
  // The persisted alerting state is not what this version writes: a bug or a version mismatch.
  'CORRUPT_STATE',
] as const;
export type AlerterErrorCode = (typeof ALERTER_ERROR_CODES)[number];

const RETRIABLE: Readonly<Record<AlerterErrorCode, boolean>> = {
  URL_REFUSED: false,
  SSRF_REFUSED: false,
  TIMEOUT: true,
  NETWORK: true,
  INVALID_RECEIVER: false,
  INVALID_CONFIG: false,
  STATE_CONFLICT: true,
  CORRUPT_STATE: false,
};

/** The one error class of the alerter. */
export class AlerterError extends TrustwatchError<AlerterErrorCode> {
  constructor(code: AlerterErrorCode, message: string, cause?: unknown) {
    super(code, message, { retriable: RETRIABLE[code], cause });
  }
}
