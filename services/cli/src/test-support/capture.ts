import { createLogger, type Logger } from '@trustwatch/logging';
import type { CliEnv } from '../config.js';
import { createTerminal, type Terminal } from '../output/terminal.js';

/** A terminal whose output is kept in memory, which never waits, and reports what it was asked to wait. */
export interface CapturedTerminal extends Terminal {
  stdout(): string;
  stderr(): string;
  readonly waits: number[];
}

export function captureTerminal(
  options: { tty?: boolean; stderrTty?: boolean; env?: Partial<CliEnv> } = {},
): CapturedTerminal {
  let out = '';
  let err = '';
  const waits: number[] = [];
  const term = createTerminal(
    {
      write: (text: string) => (out += text),
      ...(options.tty === undefined ? {} : { isTTY: options.tty }),
    },
    {
      write: (text: string) => (err += text),
      ...(options.stderrTty === undefined ? {} : { isTTY: options.stderrTty }),
    },
    { noColor: false, forceColor: false, ...options.env },
    (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  );
  return { ...term, stdout: () => out, stderr: () => err, waits };
}

/** The environment of a plain, uncoloured run with quiet logs. */
export const QUIET_ENV: CliEnv = { noColor: false, forceColor: false, logLevel: 'silent', environment: {} };

export const silentLog: Logger = createLogger({ service: 'trustwatch-cli-test', level: 'silent' });

/** Any ANSI SGR escape sequence (colours, bold): what piped output must not contain. */
// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[[0-9;]*m/;
