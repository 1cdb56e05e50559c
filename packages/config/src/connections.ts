import type { KafkaConfig } from './kafka.js';
import type { RedisConfig } from './redis.js';

/** What the Kafka adapter of `@trustwatch/bus` takes to connect: plain, mutable copies of the config. */
export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  ssl?: { ca?: string };
  sasl?: { mechanism: NonNullable<KafkaConfig['sasl']>['mechanism']; username: string; password: string };
  /** Group membership timings, merged by the bus over its other consumer defaults. */
  consumer: { sessionTimeoutMs: number; heartbeatIntervalMs: number };
}

/** What the Redis adapters of `@trustwatch/store` take to connect. */
export interface RedisConnection {
  url: string;
  tls?: { ca?: string };
  prefix: string;
}

/**
 * Maps validated Kafka settings onto the bus's connection options, so every composition root spreads
 * them the same way (plaintext leaves `ssl` out; no SASL leaves `sasl` out; the group timings go into
 * the bus's consumer settings).
 */
export function kafkaConnection(kafka: KafkaConfig): KafkaConnection {
  return {
    brokers: [...kafka.brokers],
    clientId: kafka.clientId,
    ...(kafka.ssl === false ? {} : { ssl: { ...kafka.ssl } }),
    ...(kafka.sasl === undefined ? {} : { sasl: { ...kafka.sasl } }),
    consumer: { sessionTimeoutMs: kafka.sessionTimeoutMs, heartbeatIntervalMs: kafka.heartbeatIntervalMs },
  };
}

/** Maps validated Redis settings onto the store's connection options (key prefix included). */
export function redisConnection(redis: RedisConfig): RedisConnection {
  return {
    url: redis.url,
    ...(redis.tls === false ? {} : { tls: { ...redis.tls } }),
    prefix: redis.keyPrefix,
  };
}
