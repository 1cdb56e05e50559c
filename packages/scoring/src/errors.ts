import { TrustwatchError } from '@trustwatch/schemas';

/** Every way the trust model refuses its input. None is retriable: the same input fails the same way. */
export const SCORING_ERROR_CODES = ['POLICY_SYNTAX', 'POLICY_INVALID', 'INVALID_INSTANT'] as const;
export type ScoringErrorCode = (typeof SCORING_ERROR_CODES)[number];

/** A policy that cannot be used or an input the model cannot score. */
export class ScoringError extends TrustwatchError<ScoringErrorCode> {
  constructor(code: ScoringErrorCode, message: string, cause?: unknown) {
    super(code, message, { retriable: false, cause });
  }
}
