import { TrustwatchError } from '@trustwatch/schemas';

/**
 * Every way reading a BMC or a known-good catalog can fail. `retriable` says whether asking again later
 * may help (a timeout, a 5xx, a refused connection) or only a change on the BMC or in the configuration
 * will (bad credentials, a redirect, malformed or oversized answers, links leaving the service).
 */
export const INGEST_FIRMWARE_ERROR_CODES = [
  'BMC_TIMEOUT',
  'BMC_UNREACHABLE',
  'BMC_TLS_FAILED',
  'BMC_AUTH_FAILED',
  'BMC_SERVER_ERROR',
  'BMC_HTTP_ERROR',
  'BMC_REDIRECT',
  'BMC_INVALID_JSON',
  'BMC_BODY_TOO_LARGE',
  'BMC_OUTSIDE_SERVICE_ROOT',
  'BMC_UNEXPECTED_RESOURCE',
  'CATALOG_INVALID',
] as const;
export type IngestFirmwareErrorCode = (typeof INGEST_FIRMWARE_ERROR_CODES)[number];

const RETRIABLE: Record<IngestFirmwareErrorCode, boolean> = {
  BMC_TIMEOUT: true,
  BMC_UNREACHABLE: true,
  // A certificate mismatch is a configuration problem (or an impostor); retrying will not fix it.
  BMC_TLS_FAILED: false,
  // Credentials do not repair themselves; the operator has to act.
  BMC_AUTH_FAILED: false,
  BMC_SERVER_ERROR: true,
  BMC_HTTP_ERROR: false,
  BMC_REDIRECT: false,
  BMC_INVALID_JSON: false,
  BMC_BODY_TOO_LARGE: false,
  BMC_OUTSIDE_SERVICE_ROOT: false,
  BMC_UNEXPECTED_RESOURCE: false,
  CATALOG_INVALID: false,
};

/**
 * The one error class of this service. Messages name the BMC and the path, never credentials or
 * response bodies (a BMC answer is untrusted and may echo headers).
 */
export class IngestFirmwareError extends TrustwatchError<IngestFirmwareErrorCode> {
  /** Id of the BMC the error concerns, when it concerns one. */
  readonly bmcId: string | undefined;
  /** HTTP status of the answer, when there was one. */
  readonly status: number | undefined;

  constructor(
    code: IngestFirmwareErrorCode,
    message: string,
    options: { bmcId?: string; status?: number; cause?: unknown } = {},
  ) {
    super(code, message, { retriable: RETRIABLE[code], cause: options.cause });
    this.bmcId = options.bmcId;
    this.status = options.status;
  }
}
