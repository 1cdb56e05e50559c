import { pino, type DestinationStream, type LevelWithSilent, type Logger as PinoLogger } from 'pino';
import { CENSOR, REDACT_PATHS, censorSecrets, scrubUrlCredentials } from './redaction.js';

/**
 * The logger libraries accept (never create): a pino logger. Make module and per-message children with
 * `log.child({ module })` and `log.child({ topic, partition, offset, eventId })`.
 */
export type Logger = PinoLogger;

/** A log level name, or `silent`. */
export type LogLevel = LevelWithSilent;

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Service name, written as the `service` field of every line. */
  readonly service: string;
  /** Minimum level written. Default `info`. */
  readonly level?: LogLevel;
  /** Where lines go. Default: stdout, written synchronously so the last lines survive a crash. */
  readonly destination?: DestinationStream;
}

/**
 * Creates the process's root logger: JSON lines with an ISO `time`, the `service` field and secrets
 * censored (by key at any depth, URL credentials inside strings and messages). Call it once in
 * `main.ts` and hand the logger (or children of it) to everything else.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACT_PATHS], censor: CENSOR },
      formatters: {
        bindings: (bindings) => censorSecrets(bindings),
        log: (object) => censorSecrets(object),
      },
      hooks: {
        // Messages are free text: a URL with credentials interpolated into one must not slip through.
        logMethod(args, method) {
          const scrubbed = args.map((arg: unknown) =>
            typeof arg === 'string' ? scrubUrlCredentials(arg) : arg,
          );
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
