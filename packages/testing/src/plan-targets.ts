import { displayUrl, isLoopback, parseHostPort, redisHostPort } from './addresses.js';
import { ALLOW_REMOTE_VARIABLE, type TargetsConfig } from './config.js';

/** Where the integration project's Kafka and Redis are, and whether the environment chose them. */
export interface TargetPlan {
  readonly kafka: { readonly brokers: readonly string[]; readonly fromEnv: boolean };
  readonly redis: { readonly url: string; readonly fromEnv: boolean };
}

/**
 * Chooses the targets: KAFKA_BROKERS and REDIS_URL when set; otherwise the local launchers' addresses
 * on 127.0.0.1 (KAFKA_PORT, REDIS_PORT). Tests create topics and write keys, so a target on another
 * machine (perhaps production) is refused unless TRUSTWATCH_ALLOW_REMOTE_TEST_TARGETS is set.
 */
export function planTargets(config: TargetsConfig): TargetPlan {
  const brokers = config.kafkaBrokers ?? [`127.0.0.1:${config.kafkaPort}`];
  const url = config.redisUrl ?? `redis://127.0.0.1:${config.redisPort}`;

  const hosts = [...brokers.map((broker) => parseHostPort(broker).host), redisHostPort(url).host];
  const remote = hosts.filter((host) => !isLoopback(host));
  if (remote.length > 0 && !config.allowRemote) {
    throw new Error(
      `Integration tests refuse non-loopback targets (${remote.join(', ')}; Redis ${displayUrl(url)}): ` +
        `they create topics and write keys. Point KAFKA_BROKERS/REDIS_URL at 127.0.0.1, or run ` +
        `'${ALLOW_REMOTE_VARIABLE}=1 npm test' if that machine is meant for tests.`,
    );
  }
  return {
    kafka: { brokers: [...brokers], fromEnv: config.kafkaBrokers !== undefined },
    redis: { url, fromEnv: config.redisUrl !== undefined },
  };
}
