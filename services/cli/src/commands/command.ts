import type { Logger } from '@trustwatch/logging';
import type { CliEnv } from '../config.js';
import type { Terminal } from '../output/terminal.js';

/** What every command runs with: where to write, the environment read once, the process logger. */
export interface CommandContext {
  readonly term: Terminal;
  readonly env: CliEnv;
  readonly log: Logger;
  /** Resolves when the operator asks the process to stop (Ctrl-C, SIGTERM): long-running commands wait on it. */
  readonly interrupted: () => Promise<void>;
}

/** One `trustwatch <name>` command. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The full `--help` text: usage, options, examples. */
  readonly help: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(argv: readonly string[], ctx: CommandContext): Promise<number>;
}
