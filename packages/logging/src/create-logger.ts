import { pino, type DestinationStream, type LevelWithSilent, type Logger as PinoLogger } from 'pino';
import { REDACT_PATHS, censorSecrets, errSerializer } from './redaction.js';
import { scrubLogArguments } from './scrub-arguments.js';
import { CENSOR } from './secret-text.js';

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
 * censored: by key at any depth, by shape inside every string and message (URL credentials, webhook
 * URLs, secret query parameters, `whsec_`, JWTs, `twk_` keys), and in errors (message, stack, own fields
 * and cause chain, through {@link errSerializer}). Call it once in `main.ts` and hand the logger (or
 * children of it) to everything else.
 */
export function createLogger(options: LoggerOptions): Logger {
  const root = pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACT_PATHS], censor: CENSOR },
      serializers: { err: errSerializer },
      formatters: {
        bindings: (bindings) => censorSecrets(bindings),
        log: (object) => censorSecrets(object),
      },
      hooks: {
        // Messages are free text: a credential interpolated into one must not slip through.
        logMethod(args, method) {
          method.apply(this, scrubLogArguments(args) as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  censorChildBindings(root);
  return root;
}

// pino runs child bindings through serializers and redact paths but not through the `bindings`
// formatter, so `log.child({ receiver: { url } })` would bypass censoring. Children inherit from their
// parent by prototype, so one override on the root covers every descendant.
function censorChildBindings(root: Logger): void {
  const original = Object.getPrototypeOf(root) as Pick<Logger, 'child' | 'setBindings'>;
  const { child, setBindings } = original;
  root.child = function censoredChild(this: Logger, bindings, childOptions) {
    return child.call(this, censorSecrets(bindings), childOptions);
  } as Logger['child'];
  root.setBindings = function censoredSetBindings(this: Logger, bindings) {
    setBindings.call(this, censorSecrets(bindings));
  };
}
