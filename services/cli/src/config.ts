import type { LogLevel } from '@trustwatch/logging';

/** What the command line reads from the environment: colour switches and the log level. */
export interface CliEnv {
  /** `NO_COLOR` set to anything non-empty turns colours off (https://no-color.org). */
  readonly noColor: boolean;
  /** `FORCE_COLOR` set to anything but `0` turns colours on even when output is not a terminal. */
  readonly forceColor: boolean;
  /** `TRUSTWATCH_LOG_LEVEL`: JSON logs on stderr at this level; default `warn` keeps the demo readable. */
  readonly logLevel: LogLevel;
}

const LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads the environment once; `bin.ts` passes the result down. */
export function loadCliEnv(env: Readonly<Record<string, string | undefined>> = process.env): CliEnv {
  const level = env['TRUSTWATCH_LOG_LEVEL']?.trim().toLowerCase();
  const force = env['FORCE_COLOR'];
  return {
    noColor: (env['NO_COLOR'] ?? '') !== '',
    forceColor: force !== undefined && force !== '0' && force !== 'false',
    logLevel: LEVELS.find((l) => l === level) ?? 'warn',
  };
}
