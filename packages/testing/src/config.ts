import { envFlag, envList, loadConfig, type DeepReadonly, type Env } from '@trustwatch/config';
import { z } from 'zod';
import { parseHostPort, redisHostPort } from './addresses.js';

/** The variable that allows integration tests to touch a non-loopback Kafka or Redis. */
export const ALLOW_REMOTE_VARIABLE = 'TRUSTWATCH_ALLOW_REMOTE_TEST_TARGETS';

/** The variable that points tests at the public test data folder when it lives elsewhere. */
export const PUBLIC_DATA_VARIABLE = 'TRUSTWATCH_PUBLIC_DATA';

function parses(parse: (text: string) => unknown): (text: string) => boolean {
  return (text) => {
    try {
      parse(text);
      return true;
    } catch {
      return false;
    }
  };
}

const portError = 'must be a port (1-65535)';
const port = z.coerce
  .number({ error: portError })
  .int({ error: portError })
  .min(1, { error: portError })
  .max(65535, { error: portError });

/** Where the integration project's Kafka and Redis are, as the environment describes them. */
export interface TargetsConfig {
  /** KAFKA_BROKERS: brokers to use instead of the local launcher's; never started by the tests. */
  readonly kafkaBrokers: readonly string[] | undefined;
  /** REDIS_URL: a server to use instead of the local launcher's; never started by the tests. */
  readonly redisUrl: string | undefined;
  /** KAFKA_PORT: the local broker's port (infra/kafka/start.sh reads the same variable). */
  readonly kafkaPort: number;
  /** REDIS_PORT: the local server's port (infra/redis/start.sh reads the same variable). */
  readonly redisPort: number;
  /** TRUSTWATCH_ALLOW_REMOTE_TEST_TARGETS: allow targets that are not on loopback. */
  readonly allowRemote: boolean;
}

const targetsSection = z
  .object({
    KAFKA_BROKERS: envList(
      z.string().refine(parses(parseHostPort), { error: 'each broker must be host:port' }),
    ).optional(),
    // The message never repeats the value: a Redis URL may carry a password.
    REDIS_URL: z
      .string()
      .refine(parses(redisHostPort), { error: 'must be a redis:// or rediss:// URL' })
      .optional(),
    KAFKA_PORT: port.default(19092),
    REDIS_PORT: port.default(16379),
    [ALLOW_REMOTE_VARIABLE]: envFlag(false),
  })
  .transform((env): TargetsConfig => ({
    kafkaBrokers: env.KAFKA_BROKERS,
    redisUrl: env.REDIS_URL,
    kafkaPort: env.KAFKA_PORT,
    redisPort: env.REDIS_PORT,
    allowRemote: env[ALLOW_REMOTE_VARIABLE],
  }));

/** Where the real public test data lives when it is not in one of the default places. */
export interface PublicDataConfig {
  /** TRUSTWATCH_PUBLIC_DATA: the folder, checked before the defaults. */
  readonly folder: string | undefined;
}

const publicDataSection = z
  .object({ [PUBLIC_DATA_VARIABLE]: z.string().optional() })
  .transform((env): PublicDataConfig => ({ folder: env[PUBLIC_DATA_VARIABLE] }));

/**
 * Reads and validates the integration targets' variables (empty counts as unset). Throws a
 * `ConfigError` from `@trustwatch/config` naming every bad variable, never its value.
 */
export function loadTargetsConfig(env: Env = process.env): DeepReadonly<TargetsConfig> {
  return loadConfig(targetsSection, env);
}

/** Reads the public test data variable. Kept apart from the targets so unit tests never depend on them. */
export function loadPublicDataConfig(env: Env = process.env): DeepReadonly<PublicDataConfig> {
  return loadConfig(publicDataSection, env);
}
