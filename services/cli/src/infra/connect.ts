import { createKafkaBus, type EventBus } from '@trustwatch/bus';
import { ConfigError, kafkaConnection, redisConnection, type Env } from '@trustwatch/config';
import type { Logger } from '@trustwatch/logging';
import { TrustwatchError } from '@trustwatch/schemas';
import { openRedisTrustStore, type TrustStore } from '@trustwatch/store';
import { loadBusSettings, loadStoreSettings } from '../config.js';
import { CliError } from '../errors.js';

/** Runs a config loader, turning its ConfigError into one line naming every bad variable. */
export function settingsOf<T>(load: (env: Env) => T, env: Env, command: string): T {
  try {
    return load(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw configInvalid(error, command);
  }
}

/** A ConfigError as one line naming every bad variable, with the hint to the command's help. */
export function configInvalid(error: ConfigError, command: string): CliError {
  const issues = error.issues.map((i) => `${i.variable}: ${i.problem}`).join('; ');
  return new CliError(
    'CONFIG_INVALID',
    `invalid environment: ${issues}`,
    `set the variables named above; \`trustwatch ${command} --help\` lists them`,
    error,
  );
}

/** Opens the Redis trust store the services write, from REDIS_URL and REDIS_KEY_PREFIX. */
export async function openStore(env: Env, log: Logger, command: string): Promise<TrustStore> {
  const settings = settingsOf(loadStoreSettings, env, command);
  try {
    return await openRedisTrustStore({
      ...redisConnection(settings),
      log: log.child({ module: 'store' }),
      // Durability is the services' concern; a reading command should not warn about it.
      checkDurability: false,
      connectTimeoutMs: 3_000,
    });
  } catch (error) {
    throw redisUnreachable(error);
  }
}

/** A failure to connect to Redis, as an error telling the operator what to check. */
export function redisUnreachable(error: unknown): CliError {
  return new CliError(
    'UNREACHABLE',
    'cannot connect to Redis at the address in REDIS_URL',
    'start Redis (`npm run infra:up` starts a local one) or set REDIS_URL to a reachable redis:// URL',
    error,
  );
}

/** A Kafka bus from KAFKA_BROKERS and KAFKA_TOPIC_NAMESPACE; it connects on first use. */
export function openBus(env: Env, log: Logger, command: string): EventBus {
  const settings = settingsOf(loadBusSettings, env, command);
  return createKafkaBus({
    ...kafkaConnection(settings.kafka),
    namespace: settings.namespace,
    // kafkajs logs every failed connection attempt as an error; the command's own one-line error says
    // the same, so below info those logs are kept for fatal conditions only.
    logger: log.child({}, { level: log.isLevelEnabled('info') ? log.level : 'fatal' }),
  });
}

/**
 * Turns a failure to reach the broker (a connection error, a retriable bus error) into an error telling
 * the operator what to check; a non-retriable error (bad input, usage) is passed through as it is.
 */
export function kafkaUnreachable(error: unknown): unknown {
  if (error instanceof TrustwatchError && !error.retriable) return error;
  if (isUnknownTopic(error)) {
    return new CliError(
      'NOT_FOUND',
      'a topic this command reads does not exist on the cluster',
      'create the topics with `trustwatch topics ensure` (same KAFKA_TOPIC_NAMESPACE), then run again',
      error,
    );
  }
  return new CliError(
    'UNREACHABLE',
    `Kafka did not answer: ${error instanceof Error ? error.message : String(error)}`,
    'start Kafka (`npm run infra:up` starts a local broker) or set KAFKA_BROKERS to a reachable host:port',
    error,
  );
}

/** Opens the store, runs `use`, and closes the store whatever happens. */
export async function withStore<T>(
  env: Env,
  log: Logger,
  command: string,
  use: (store: TrustStore) => Promise<T>,
): Promise<T> {
  const store = await openStore(env, log, command);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** Refuses a customer id the store has never seen (no fleet, no score), rather than printing a baseline. */
export async function requireCustomer(store: TrustStore, customerId: string): Promise<void> {
  if (!(await store.knowsCustomer(customerId))) {
    throw new CliError(
      'NOT_FOUND',
      `no customer "${customerId}" in the store (no fleet imported, no score stored)`,
      'check the id and REDIS_KEY_PREFIX; `trustwatch fleet import CUSTOMER FILE` adds a customer',
    );
  }
}

/** Whether the broker answered "unknown topic" (kafkajs protocol error type), here or in a cause. */
function isUnknownTopic(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if ((current as { type?: unknown }).type === 'UNKNOWN_TOPIC_OR_PARTITION') return true;
    current = current.cause;
  }
  return false;
}
