import { z } from 'zod';

/** pino's levels, most to least severe, plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Validated logging settings, the input of `createLogger` in `@trustwatch/logging`. */
export interface LoggingConfig {
  readonly level: LogLevel;
}

/** Config section for logging: LOG_LEVEL (default `info`). */
export function loggingSection(defaults: { level?: LogLevel } = {}) {
  return z
    .object({
      LOG_LEVEL: z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }))
        .default(defaults.level ?? 'info'),
    })
    .transform((env): LoggingConfig => ({ level: env.LOG_LEVEL }));
}
