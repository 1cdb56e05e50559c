import { TrustwatchError } from '@trustwatch/schemas';

/**
 * Every way a BOM or registry snapshot can be refused, plus `STATE_INVALID` for the service's own saved
 * snapshots. All but `FILE_UNREADABLE` are bad input: the same bytes will fail the same way, so retrying
 * is pointless and the file is reported and skipped.
 */
export const INGEST_SUPPLIER_ERROR_CODES = [
  'FILE_UNREADABLE',
  'FILE_TOO_LARGE',
  'INVALID_JSON',
  'INVALID_CSV',
  'BOM_SCHEMA_VIOLATION',
  'BOM_MISMATCH',
  'PRODUCT_UNIDENTIFIED',
  'VENDOR_MISSING',
  'SUPPLIER_NAME_MISSING',
  'UNKNOWN_COUNTRY',
  'REGISTRY_INVALID',
  'DUPLICATE_SNAPSHOT',
  'STALE_SNAPSHOT',
  'STATE_INVALID',
] as const;
export type IngestSupplierErrorCode = (typeof INGEST_SUPPLIER_ERROR_CODES)[number];

const RETRIABLE: Record<IngestSupplierErrorCode, boolean> = {
  // A file that cannot be read now (NFS hiccup, still being written) may be readable on the next run.
  FILE_UNREADABLE: true,
  FILE_TOO_LARGE: false,
  INVALID_JSON: false,
  INVALID_CSV: false,
  BOM_SCHEMA_VIOLATION: false,
  BOM_MISMATCH: false,
  PRODUCT_UNIDENTIFIED: false,
  VENDOR_MISSING: false,
  SUPPLIER_NAME_MISSING: false,
  UNKNOWN_COUNTRY: false,
  REGISTRY_INVALID: false,
  DUPLICATE_SNAPSHOT: false,
  // An older snapshot than the one already applied: diffing backwards would publish the past as news.
  STALE_SNAPSHOT: false,
  // The service's own saved state is damaged: an operator has to look, a retry reads the same bytes.
  STATE_INVALID: false,
};

/**
 * The one error class of this service. It always names the file and, when the problem is inside it,
 * where: a JSON pointer into a BOM or registry document (`/components/3/supplier/address/country`) or
 * a CSV cell (`row 4, column country`).
 */
export class IngestSupplierError extends TrustwatchError<IngestSupplierErrorCode> {
  readonly file: string;
  /** Location inside the file; empty when the whole file is at fault. */
  readonly path: string;

  constructor(
    code: IngestSupplierErrorCode,
    message: string,
    options: { file: string; path?: string; cause?: unknown },
  ) {
    const path = options.path ?? '';
    super(code, `${options.file}${path === '' ? '' : ` at ${path}`}: ${message}`, {
      retriable: RETRIABLE[code],
      cause: options.cause,
    });
    this.file = options.file;
    this.path = path;
  }
}
