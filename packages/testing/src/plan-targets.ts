import { displayUrl, isLoopback, parseHostPort, redisHostPort } from './addresses.js';

/** Where the integration project's Kafka and Redis are, and whether the environment chose them. */
export interface TargetPlan {
  readonly kafka: { readonly brokers: readonly string[]; readonly fromEnv: boolean };
  readonly redis: { readonly url: string; readonly fromEnv: boolean };
}

/** The variable that allows integration tests to touch a non-loopback Kafka or Redis. */
export const ALLOW_REMOTE_VARIABLE = 'TRUSTWATCH_ALLOW_REMOTE_TEST_TARGETS';

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * Reads KAFKA_BROKERS and REDIS_URL; when unset, the local launchers' addresses (KAFKA_PORT, default
 * 19092; REDIS_PORT, default 16379, on 127.0.0.1). Tests create topics and write keys, so a target on
 * another machine (perhaps production) is refused unless TRUSTWATCH_ALLOW_REMOTE_TEST_TARGETS=1.
 */
export function planTargets(env: Readonly<Record<string, string | undefined>>): TargetPlan {
  const brokersVar = nonEmpty(env['KAFKA_BROKERS']);
  const urlVar = nonEmpty(env['REDIS_URL']);
  const brokers = (brokersVar ?? `127.0.0.1:${env['KAFKA_PORT'] ?? '19092'}`)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  const url = urlVar ?? `redis://127.0.0.1:${env['REDIS_PORT'] ?? '16379'}`;

  const hosts = [...brokers.map((broker) => parseHostPort(broker).host), redisHostPort(url).host];
  const remote = hosts.filter((host) => !isLoopback(host));
  if (remote.length > 0 && env[ALLOW_REMOTE_VARIABLE] !== '1') {
    throw new Error(
      `Integration tests refuse non-loopback targets (${remote.join(', ')}; Redis ${displayUrl(url)}): ` +
        `they create topics and write keys. Point KAFKA_BROKERS/REDIS_URL at 127.0.0.1, or run ` +
        `'${ALLOW_REMOTE_VARIABLE}=1 npm test' if that machine is meant for tests.`,
    );
  }
  return {
    kafka: { brokers, fromEnv: brokersVar !== undefined },
    redis: { url, fromEnv: urlVar !== undefined },
  };
}
