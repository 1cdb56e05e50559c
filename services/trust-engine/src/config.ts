import { kafkaSection, loadConfig, loggingSection, redisSection, type Env } from '@trustwatch/config';
import { z } from 'zod';
import { DEFAULT_CONCURRENT_PARTITIONS } from './defaults.js';

const positiveMs = (fallback: number) => z.coerce.number().int().positive().max(86_400_000).default(fallback);

/**
 * The engine's own variables. TRUST_ENGINE_GROUP_ID: consumer group shared by all engine instances.
 * TRUST_POLICY_FILE: scoring policy (default: the policy shipped with @trustwatch/scoring).
 * KAFKA_TOPIC_NAMESPACE: prefix of every topic name (empty in production). SHUTDOWN_DEADLINE_MS: drain
 * budget on SIGTERM. DECAY_POLL_MS: longest sleep of the decay scheduler between looks at its schedule.
 * TRUST_ENGINE_CONCURRENT_PARTITIONS: partitions one instance handles at once (see the engine's
 * `concurrentPartitions`; 1 handles one batch at a time). ENTITY_CATALOG_FILE: entity catalog that
 * turns collectors' vendor names into vendor ids (default: the shipped one; use the same file as the
 * API's fleet imports and the ingest services).
 */
export function engineSection() {
  return z
    .object({
      TRUST_ENGINE_GROUP_ID: z
        .string()
        .regex(/^[A-Za-z0-9._-]{1,200}$/, { error: 'letters, digits, ".", "_" and "-" only' })
        .default('trust-engine'),
      TRUST_POLICY_FILE: z.string().min(1).optional(),
      KAFKA_TOPIC_NAMESPACE: z
        .string()
        .regex(/^[A-Za-z0-9._-]{0,100}$/, { error: 'letters, digits, ".", "_" and "-" only' })
        .default(''),
      SHUTDOWN_DEADLINE_MS: positiveMs(30_000),
      DECAY_POLL_MS: positiveMs(60_000),
      TRUST_ENGINE_CONCURRENT_PARTITIONS: z.coerce
        .number()
        .int()
        .min(1)
        .max(64)
        .default(DEFAULT_CONCURRENT_PARTITIONS),
      ENTITY_CATALOG_FILE: z.string().min(1).optional(),
    })
    .transform((env) => ({
      groupId: env.TRUST_ENGINE_GROUP_ID,
      ...(env.TRUST_POLICY_FILE === undefined ? {} : { policyFile: env.TRUST_POLICY_FILE }),
      namespace: env.KAFKA_TOPIC_NAMESPACE,
      shutdownDeadlineMs: env.SHUTDOWN_DEADLINE_MS,
      decayPollMs: env.DECAY_POLL_MS,
      concurrentPartitions: env.TRUST_ENGINE_CONCURRENT_PARTITIONS,
      ...(env.ENTITY_CATALOG_FILE === undefined ? {} : { catalogFile: env.ENTITY_CATALOG_FILE }),
    }));
}

/** Validates the environment once: Kafka, Redis, logging and the engine's own settings, frozen. */
export function loadEngineConfig(env: Env = process.env) {
  return loadConfig(
    {
      kafka: kafkaSection({ clientId: 'trust-engine' }),
      redis: redisSection({ keyPrefix: 'tw' }),
      log: loggingSection(),
      engine: engineSection(),
    },
    env,
  );
}

export type EngineConfig = ReturnType<typeof loadEngineConfig>;
