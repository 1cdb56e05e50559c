import { TrustwatchError } from '@trustwatch/schemas';

/**
 * Everything the command line can fail with: a closed code list and one error class, like every
 * Trustwatch errors file. Each error carries a hint (the step that fixes it), printed under the message.
 */
export const CLI_ERROR_CODES = [
  /** Unknown command or option, missing or malformed argument: exit code 2. */
  'USAGE',
  /** An input file could not be read. */
  'INPUT_UNREADABLE',
  /** An input file was read but is not what the command expects. */
  'INPUT_INVALID',
  /** The shipped demo data is missing or inconsistent (a packaging bug). */
  'DEMO_DATA_INVALID',
  /** The in-process pipeline did not finish its work in time. */
  'PIPELINE_STALLED',
  /** The environment lacks or misstates a variable the command needs (Kafka or Redis settings). */
  'CONFIG_INVALID',
  /** Kafka or Redis did not answer. */
  'UNREACHABLE',
  /** The port to serve the demo on is taken. */
  'PORT_IN_USE',
  /** The thing asked for (a customer, a dead-lettered record, a silence) does not exist. */
  'NOT_FOUND',
] as const;
export type CliErrorCode = (typeof CLI_ERROR_CODES)[number];

/** Exit codes: 0 ok, 1 failure, 2 usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** A command-line failure; never retriable (the operator fixes the input and runs again). */
export class CliError extends TrustwatchError<CliErrorCode> {
  /** One line telling the operator what to do about it. */
  readonly hint: string;

  constructor(code: CliErrorCode, message: string, hint: string, cause?: unknown) {
    super(code, message, { retriable: false, cause });
    this.hint = hint;
  }

  /** The process exit code this error means. */
  get exitCode(): number {
    return this.code === 'USAGE' ? EXIT.usage : EXIT.failure;
  }
}

/** A usage error whose hint points at the command's help. */
export function usageError(message: string, command?: string): CliError {
  const help = command === undefined ? 'trustwatch --help' : `trustwatch ${command} --help`;
  return new CliError('USAGE', message, `run \`${help}\` for usage and examples`);
}
