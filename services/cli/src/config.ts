import {
  kafkaSection,
  loadConfig,
  redisSection,
  type Env,
  type KafkaConfig,
  type RedisConfig,
} from '@trustwatch/config';
import type { LogLevel } from '@trustwatch/logging';
import { z } from 'zod';

/** What the command line reads from the environment: colour switches, the log level, and the rest. */
export interface CliEnv {
  /** `NO_COLOR` set to anything non-empty turns colours off (https://no-color.org). */
  readonly noColor: boolean;
  /** `FORCE_COLOR` set to anything but `0` turns colours on even when output is not a terminal. */
  readonly forceColor: boolean;
  /** `TRUSTWATCH_LOG_LEVEL`: JSON logs on stderr at this level; default `warn` keeps the demo readable. */
  readonly logLevel: LogLevel;
  /**
   * A frozen copy of the environment, validated only by the commands that need it (Kafka and Redis
   * settings through the loaders below, each service's own variables by `trustwatch run`), so `demo` and
   * `replay` run without any of them set.
   */
  readonly environment: Env;
}

const LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads the environment once; `bin.ts` passes the result down. */
export function loadCliEnv(env: Env = process.env): CliEnv {
  const level = env['TRUSTWATCH_LOG_LEVEL']?.trim().toLowerCase();
  const force = env['FORCE_COLOR'];
  return {
    noColor: (env['NO_COLOR'] ?? '') !== '',
    forceColor: force !== undefined && force !== '0' && force !== 'false',
    logLevel: LEVELS.find((l) => l === level) ?? 'warn',
    environment: Object.freeze({ ...env }),
  };
}

const name = (max: number) =>
  z
    .string()
    .regex(new RegExp(`^[A-Za-z0-9._-]{0,${max}}$`), { error: 'letters, digits, ".", "_" and "-" only' });

/** Kafka settings of the data commands: the shared KAFKA_* variables and KAFKA_TOPIC_NAMESPACE. */
export interface BusSettings {
  readonly kafka: KafkaConfig;
  /** Prefix of every topic name, as the services use it (empty in production). */
  readonly namespace: string;
}

/** Validates KAFKA_BROKERS and the other KAFKA_* variables; throws a ConfigError naming each bad one. */
export function loadBusSettings(env: Env): BusSettings {
  const config = loadConfig(
    {
      kafka: kafkaSection({ clientId: 'trustwatch-cli' }),
      bus: z.object({ KAFKA_TOPIC_NAMESPACE: name(100).default('') }),
    },
    env,
  );
  return { kafka: config.kafka, namespace: config.bus.KAFKA_TOPIC_NAMESPACE };
}

/**
 * Validates REDIS_URL and the other REDIS_* variables. The key prefix defaults to `tw`, the services'
 * default, so the CLI reads what they wrote.
 */
export function loadStoreSettings(env: Env): RedisConfig {
  return loadConfig(redisSection({ keyPrefix: 'tw' }), env);
}
