import { createLogger } from '@trustwatch/logging';
import { TrustwatchError } from '@trustwatch/schemas';
import type { CliEnv } from './config.js';
import type { Command } from './commands/command.js';
import { demoCommand } from './commands/demo-command.js';
import { newsCommand } from './commands/news-command.js';
import { replayCommand } from './commands/replay-command.js';
import { runCommand } from './commands/run-command.js';
import { scoreCommand } from './commands/score-command.js';
import { feedCommand } from './commands/feed-command.js';
import { topicsCommand } from './commands/topics-command.js';
import { dlqCommand } from './commands/dlq-command.js';
import { fleetCommand } from './commands/fleet-command.js';
import { silenceCommand } from './commands/silence-command.js';
import { CliError, EXIT, usageError } from './errors.js';
import type { Terminal } from './output/terminal.js';

/** Every command, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [
  demoCommand,
  replayCommand,
  newsCommand,
  runCommand,
  scoreCommand,
  feedCommand,
  topicsCommand,
  dlqCommand,
  fleetCommand,
  silenceCommand,
];

/** The version `trustwatch --version` prints (this package's). */
export const VERSION = '0.1.0';

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n');
  return `Usage: trustwatch <command> [options]

Trust monitoring for hardware supply chains: firmware changes, supplier changes and news move each
customer's trust score, explained by its factors.

Commands:
${list}

Options:
  -h, --help     show this help (every command has its own: trustwatch <command> --help)
  -v, --version  print the version

Exit codes: 0 ok, 1 failure, 2 usage error.
Environment: NO_COLOR turns colours off, FORCE_COLOR turns them on when piped,
TRUSTWATCH_LOG_LEVEL sets the level of the JSON logs on stderr (default warn).

Examples:
  trustwatch demo
  trustwatch replay events.ndjson --fleet acme=acme-fleet.json --json
`;
}

/** Prints an error as one line plus its hint; returns the exit code it means. */
function report(error: unknown, term: Terminal): number {
  const c = term.color;
  if (error instanceof CliError) {
    term.err(`${c.red('trustwatch: error:')} ${error.message}\n${c.dim(`hint: ${error.hint}`)}\n`);
    return error.exitCode;
  }
  // Another package's error: its message names the input and what is wrong with it.
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const hint =
    error instanceof TrustwatchError
      ? `fix the input named above (error code ${error.code}) and run again`
      : 'this is a bug: run again with TRUSTWATCH_LOG_LEVEL=debug and report the output';
  term.err(`${c.red('trustwatch: error:')} ${message ?? 'unknown error'}\n${c.dim(`hint: ${hint}`)}\n`);
  return EXIT.failure;
}

/**
 * Runs one command line (the arguments after `trustwatch`) and resolves to the process exit code; never
 * rejects. `interrupted` resolves on Ctrl-C; by default at once, so a serving command stops right away. Logs go to stderr as JSON lines so stdout stays the command's output.
 */
export async function runCli(
  argv: readonly string[],
  term: Terminal,
  env: CliEnv,
  interrupted: () => Promise<void> = () => Promise.resolve(),
): Promise<number> {
  const log = createLogger({
    service: 'trustwatch-cli',
    level: env.logLevel,
    destination: { write: (line: string) => term.err(line) },
  });
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      // Asked for: help on stdout, exit 0. Not asked for (no command): help on stderr, a usage error.
      if (name === undefined) {
        term.err(mainHelp());
        return EXIT.usage;
      }
      term.out(mainHelp());
      return EXIT.ok;
    }
    if (name === '-v' || name === '--version') {
      term.out(`${VERSION}\n`);
      return EXIT.ok;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (command === undefined) {
      throw usageError(name.startsWith('-') ? `unknown option "${name}"` : `unknown command "${name}"`);
    }
    return await command.run(rest, { term, env, log, interrupted });
  } catch (error) {
    log.debug({ err: error }, 'command failed');
    return report(error, term);
  }
}
