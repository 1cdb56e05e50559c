import { TrustwatchError } from '@trustwatch/schemas';

export const BENCH_ERROR_CODES = ['GATE_FAILED', 'TIMEOUT', 'TOOL_FAILED', 'INVALID_ARGUMENT'] as const;
export type BenchErrorCode = (typeof BENCH_ERROR_CODES)[number];

const RETRIABLE: Readonly<Record<BenchErrorCode, boolean>> = {
  // A failed gate means the pipeline lost or doubled work: rerunning does not make the numbers count.
  GATE_FAILED: false,
  // A drain that timed out on a machine loaded by other work may finish on a quieter run.
  TIMEOUT: true,
  TOOL_FAILED: true,
  INVALID_ARGUMENT: false,
};

/** The benchmark's one error type: a closed code list, `retriable` decided by the code. */
export class BenchError extends TrustwatchError<BenchErrorCode> {
  constructor(code: BenchErrorCode, message: string, cause?: unknown) {
    super(code, message, { retriable: RETRIABLE[code], cause });
  }
}
