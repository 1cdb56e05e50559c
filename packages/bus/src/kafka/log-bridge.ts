import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';

/**
 * Routes kafkajs's own logs into the process's pino logger, one child per kafkajs namespace, so broker
 * trouble shows up in the same stream (and with the same redaction) as everything else.
 */
export function pinoLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, ...fields } = log;
      const child = logger.child({ kafkajs: namespace });
      switch (level) {
        case logLevel.ERROR:
          child.error(fields, message);
          break;
        case logLevel.WARN:
          child.warn(fields, message);
          break;
        case logLevel.INFO:
          child.info(fields, message);
          break;
        case logLevel.DEBUG:
          child.debug(fields, message);
          break;
        case logLevel.NOTHING:
          break;
      }
    };
}

/** The kafkajs level matching a pino level, so kafkajs does not format entries pino would drop. */
export function kafkaLogLevel(logger: Logger): logLevel {
  switch (logger.level) {
    case 'trace':
    case 'debug':
      return logLevel.DEBUG;
    case 'info':
      return logLevel.INFO;
    case 'warn':
      return logLevel.WARN;
    case 'silent':
      return logLevel.NOTHING;
    case 'error':
    case 'fatal':
      return logLevel.ERROR;
    default:
      // A custom pino level: let kafkajs's warnings through rather than hide them.
      return logLevel.WARN;
  }
}
