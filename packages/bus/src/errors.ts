import { TrustwatchError } from '@trustwatch/schemas';

/**
 * Everything the bus itself can fail with. Like every Trustwatch errors file: a closed code list and one
 * error class; the runner branches on `retriable` only.
 */
export const BUS_ERROR_CODES = [
  /** The event's type is not declared for the topic it arrived on (dead-lettered, never retried). */
  'TYPE_NOT_ALLOWED',
  /** The topic is not in the catalog. */
  'UNKNOWN_TOPIC',
  /** An encoded record is larger than the topic accepts. */
  'RECORD_TOO_LARGE',
  /** The broker did not acknowledge a publish; safe to try again (the producer is idempotent). */
  'PUBLISH_FAILED',
  /** Provisioning, offset reads or other admin calls failed. */
  'ADMIN_FAILED',
  /** The bus or consumer was already closed. */
  'CLOSED',
  /**
   * A record kept failing retriably through every retry and pause while its dependencies were healthy
   * (dead-lettered: a bug, not an outage).
   */
  'RETRIES_EXHAUSTED',
  /** A drain did not finish within its deadline. */
  'SHUTDOWN_TIMEOUT',
  /** Consume options that cannot work, e.g. a `maxBatchSize` that is not a positive integer. */
  'INVALID_OPTIONS',
] as const;
export type BusErrorCode = (typeof BUS_ERROR_CODES)[number];

const RETRIABLE: ReadonlySet<BusErrorCode> = new Set(['PUBLISH_FAILED', 'ADMIN_FAILED', 'SHUTDOWN_TIMEOUT']);

/** A bus failure; `retriable` follows from the code so callers never have to guess. */
export class BusError extends TrustwatchError<BusErrorCode> {
  constructor(code: BusErrorCode, message: string, cause?: unknown) {
    super(code, message, { retriable: RETRIABLE.has(code), cause });
  }
}
