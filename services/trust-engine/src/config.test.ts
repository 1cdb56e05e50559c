import { ConfigError } from '@trustwatch/config';
import { describe, expect, it } from 'vitest';
import { loadEngineConfig } from './config.js';
import { DEFAULT_CONCURRENT_PARTITIONS } from './defaults.js';

const base = { KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092', REDIS_URL: 'redis://redis:6379' };

describe('engine config', () => {
  it('applies defaults for everything but the broker list and the Redis URL', () => {
    const config = loadEngineConfig(base);
    expect(config.engine).toEqual({
      groupId: 'trust-engine',
      namespace: '',
      shutdownDeadlineMs: 30_000,
      decayPollMs: 60_000,
      concurrentPartitions: DEFAULT_CONCURRENT_PARTITIONS,
    });
    expect(config.kafka.brokers).toEqual(['kafka-1:9092', 'kafka-2:9092']);
    expect(config.redis.keyPrefix).toBe('tw');
    expect(Object.isFrozen(config.engine)).toBe(true);
  });

  it('takes the partitions handled at once from the environment', () => {
    const config = loadEngineConfig({ ...base, TRUST_ENGINE_CONCURRENT_PARTITIONS: '3' });
    expect(config.engine.concurrentPartitions).toBe(3);
  });

  it('takes the entity catalog that names vendors from the environment', () => {
    const config = loadEngineConfig({ ...base, ENTITY_CATALOG_FILE: '/etc/trustwatch/entities.json' });
    expect(config.engine.catalogFile).toBe('/etc/trustwatch/entities.json');
  });

  it('names every bad variable at once', () => {
    let caught: unknown;
    try {
      loadEngineConfig({
        REDIS_URL: 'http://nope',
        TRUST_ENGINE_GROUP_ID: 'bad group',
        DECAY_POLL_MS: '-1',
        TRUST_ENGINE_CONCURRENT_PARTITIONS: '0',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const text = String((caught as Error).message);
    for (const name of [
      'KAFKA_BROKERS',
      'REDIS_URL',
      'TRUST_ENGINE_GROUP_ID',
      'DECAY_POLL_MS',
      'TRUST_ENGINE_CONCURRENT_PARTITIONS',
    ])
      expect(text).toContain(name);
  });
});
