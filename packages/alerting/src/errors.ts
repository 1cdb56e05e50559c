import { TrustwatchError } from '@trustwatch/schemas';

/**
 * Every way the alerting model refuses its input. None is retriable: the same rule file, matcher or
 * silence fails the same way on every attempt.
 */
export const ALERTING_ERROR_CODES = [
  'CONFIG_SYNTAX',
  'CONFIG_INVALID',
  'UNSAFE_REGEX',
  'INVALID_MATCHER',
  'INVALID_SILENCE',
  'SILENCE_NOT_FOUND',
  'CUSTOMER_MISMATCH',
] as const;
export type AlertingErrorCode = (typeof ALERTING_ERROR_CODES)[number];

/** A rule file, routing tree, matcher or silence that cannot be used. */
export class AlertingError extends TrustwatchError<AlertingErrorCode> {
  constructor(code: AlertingErrorCode, message: string, cause?: unknown) {
    super(code, message, { retriable: false, cause });
  }
}
