import type { Closeable } from '@trustwatch/bus';
import { ConfigError, type Env } from '@trustwatch/config';
import type { Logger } from '@trustwatch/logging';
import { StoreError } from '@trustwatch/store';
import { configInvalid, kafkaUnreachable, redisUnreachable, settingsOf } from '../infra/connect.js';
import type { Launcher, ServiceName } from './launch.js';

/** What every service's start function returns (the shape installShutdown takes in its main.ts). */
export interface StartedService {
  readonly closeables: readonly Closeable[];
  readonly shutdownDeadlineMs: number;
  readonly url?: string;
}

/** A service package's exports `trustwatch run` needs: its config loader and its start function. */
export interface ServiceModule<C> {
  readonly load: (env: Env) => C;
  readonly start: (options: {
    config: C;
    log: Logger;
    onFatal: (error: Error) => void;
  }) => Promise<StartedService>;
}

/**
 * Adapts a service's own config loader and start function to a launcher: the same variables and the
 * same composition as `node services/<name>/dist/main.js`, with start failures turned into one line
 * that says whether Redis or Kafka did not answer.
 */
export function serviceLauncher<C>(name: ServiceName, module: ServiceModule<C>): Launcher {
  return (env) => {
    const config = settingsOf(module.load, env, 'run');
    return async (ctx) => {
      try {
        const started = await module.start({ config, log: ctx.log, onFatal: ctx.onFatal });
        return {
          name,
          closeables: started.closeables,
          deadlineMs: started.shutdownDeadlineMs,
          ...(started.url === undefined ? {} : { url: started.url }),
        };
      } catch (error) {
        throw startFailure(error);
      }
    };
  };
}

/**
 * A setting the start itself refused is reported like any invalid variable; Redis unavailability is the
 * store's UNAVAILABLE code; other retriable failures are Kafka's.
 */
function startFailure(error: unknown): unknown {
  if (error instanceof ConfigError) return configInvalid(error, 'run');
  if (error instanceof StoreError && error.code === 'UNAVAILABLE') return redisUnreachable(error);
  return kafkaUnreachable(error);
}
