import type { TestProject } from 'vitest/node';
import { loadTargetsConfig } from './config.js';
import { ensureKafka, ensureRedis, type EnsuredTarget } from './ensure-targets.js';
import { runLauncher } from './launchers.js';
import { planTargets } from './plan-targets.js';

async function stopStarted(
  kafka: EnsuredTarget | undefined,
  redis: EnsuredTarget | undefined,
): Promise<void> {
  if (kafka?.started === true) await runLauncher('kafka', 'stop');
  if (redis?.started === true) await runLauncher('redis', 'stop');
}

function settledValue<T>(result: PromiseSettledResult<T>): T | undefined {
  return result.status === 'fulfilled' ? result.value : undefined;
}

/**
 * Global setup of the integration project. Uses KAFKA_BROKERS / REDIS_URL when set, otherwise the local
 * broker and server (started with infra's launchers if not yet running); refuses non-loopback targets
 * unless TRUSTWATCH_ALLOW_REMOTE_TEST_TARGETS is set (config.ts reads and validates every variable);
 * verifies both answer (Kafka metadata, Redis PING) before any test runs, and fails with the command that fixes it when they do not. Tests never skip
 * for lack of infrastructure. Teardown stops only what this setup started.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const plan = planTargets(loadTargetsConfig());
  // Both at once: the broker's JVM start dominates, Redis fits inside it.
  const [kafka, redis] = await Promise.allSettled([ensureKafka(plan.kafka), ensureRedis(plan.redis)]);
  const failures = [kafka, redis].flatMap((result): unknown[] =>
    result.status === 'rejected' ? [result.reason] : [],
  );
  if (failures.length > 0) {
    await stopStarted(settledValue(kafka), settledValue(redis));
    const text = failures.map((failure) => (failure instanceof Error ? failure.message : String(failure)));
    throw new Error(`Integration test targets are not available:\n\n${text.join('\n\n')}`);
  }
  project.provide('kafkaBrokers', plan.kafka.brokers.join(','));
  project.provide('redisUrl', plan.redis.url);
  return () => stopStarted(settledValue(kafka), settledValue(redis));
}
