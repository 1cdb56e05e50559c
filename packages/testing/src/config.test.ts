import { ConfigError } from '@trustwatch/config';
import { describe, expect, it } from 'vitest';
import { loadPublicDataConfig, loadTargetsConfig } from './config.js';

describe('testing config', () => {
  it('defaults to the local launchers with remote targets refused', () => {
    expect(loadTargetsConfig({})).toEqual({
      kafkaBrokers: undefined,
      redisUrl: undefined,
      kafkaPort: 19092,
      redisPort: 16379,
      allowRemote: false,
    });
  });

  it('treats empty variables as unset, as a compose file writes them', () => {
    const config = loadTargetsConfig({ KAFKA_BROKERS: '', REDIS_URL: '', TRUSTWATCH_PUBLIC_DATA: '' });
    expect(config.kafkaBrokers).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(loadPublicDataConfig({ TRUSTWATCH_PUBLIC_DATA: '' }).folder).toBeUndefined();
  });

  it('lists every bad variable at once without echoing a Redis password', () => {
    const attempt = () =>
      loadTargetsConfig({
        KAFKA_BROKERS: 'kafka-without-port',
        REDIS_URL: 'http://app:hunter2@cache:6379',
        KAFKA_PORT: '70000',
        REDIS_PORT: 'six',
        TRUSTWATCH_ALLOW_REMOTE_TEST_TARGETS: 'maybe',
      });
    expect(attempt).toThrow(ConfigError);
    const error = (() => {
      try {
        attempt();
      } catch (caught) {
        return caught as ConfigError;
      }
      return undefined;
    })();
    expect(error?.issues.map((issue) => issue.variable).sort()).toEqual([
      'KAFKA_BROKERS',
      'KAFKA_PORT',
      'REDIS_PORT',
      'REDIS_URL',
      'TRUSTWATCH_ALLOW_REMOTE_TEST_TARGETS',
    ]);
    expect(error?.message).not.toContain('hunter2');
    expect(error?.issues.find((issue) => issue.variable === 'REDIS_PORT')?.problem).toBe(
      'must be a port (1-65535)',
    );
  });

  it('accepts the spellings of an explicit opt-in to remote targets', () => {
    for (const flag of ['1', 'true', 'yes'])
      expect(loadTargetsConfig({ TRUSTWATCH_ALLOW_REMOTE_TEST_TARGETS: flag }).allowRemote).toBe(true);
    expect(loadTargetsConfig({ TRUSTWATCH_ALLOW_REMOTE_TEST_TARGETS: '0' }).allowRemote).toBe(false);
  });

  it('returns a frozen result', () => {
    const config = loadTargetsConfig({ KAFKA_BROKERS: '127.0.0.1:9092' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.kafkaBrokers)).toBe(true);
  });
});
