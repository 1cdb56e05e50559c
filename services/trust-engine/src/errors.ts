import { TrustwatchError } from '@trustwatch/schemas';

/**
 * Everything the trust engine itself can fail with: a closed code list and one error class, like every
 * Trustwatch errors file. Store and bus failures keep their own errors (and `retriable` flags), which
 * the bus runner uses to retry or dead-letter an event.
 */
export const ENGINE_ERROR_CODES = [
  /** The scoring policy file could not be read or is invalid (start-up only; never retriable). */
  'POLICY_UNREADABLE',
  /**
   * Customers kept changing under a fan-out (other instances applying to them) for every retry round:
   * retriable, the bus redelivers the event and customers already applied are duplicates.
   */
  'CONTENDED',
] as const;
export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

const RETRIABLE: Readonly<Record<EngineErrorCode, boolean>> = {
  POLICY_UNREADABLE: false,
  CONTENDED: true,
};

/** A trust engine failure; `retriable` follows the code (a bad policy file does not fix itself). */
export class EngineError extends TrustwatchError<EngineErrorCode> {
  constructor(code: EngineErrorCode, message: string, cause?: unknown) {
    super(code, message, { retriable: RETRIABLE[code], cause });
  }
}
