import { describe, expect, it } from 'vitest';
import { isLoopback, parseHostPort } from './addresses.js';
import { loadTargetsConfig } from './config.js';
import { planTargets as planFromConfig } from './plan-targets.js';

function planTargets(env: Record<string, string>) {
  return planFromConfig(loadTargetsConfig(env));
}

describe('planTargets', () => {
  it('defaults to the local launchers on loopback when nothing is set', () => {
    expect(planTargets({})).toEqual({
      kafka: { brokers: ['127.0.0.1:19092'], fromEnv: false },
      redis: { url: 'redis://127.0.0.1:16379', fromEnv: false },
    });
  });

  it('follows the launchers when they run on other ports', () => {
    const plan = planTargets({ KAFKA_PORT: '29092', REDIS_PORT: '26379' });
    expect(plan.kafka.brokers).toEqual(['127.0.0.1:29092']);
    expect(plan.redis.url).toBe('redis://127.0.0.1:26379');
  });

  it('uses KAFKA_BROKERS and REDIS_URL when set, and marks them as not ours to start', () => {
    const plan = planTargets({
      KAFKA_BROKERS: 'localhost:9092, [::1]:9093',
      REDIS_URL: 'redis://localhost:6379',
    });
    expect(plan.kafka).toEqual({ brokers: ['localhost:9092', '[::1]:9093'], fromEnv: true });
    expect(plan.redis).toEqual({ url: 'redis://localhost:6379', fromEnv: true });
  });

  it('refuses a remote target and names the variable that allows it', () => {
    expect(() => planTargets({ KAFKA_BROKERS: 'kafka.prod.internal:9092' })).toThrow(
      /kafka\.prod\.internal.*TRUSTWATCH_ALLOW_REMOTE_TEST_TARGETS=1/s,
    );
    expect(() => planTargets({ REDIS_URL: 'redis://10.0.0.5:6379' })).toThrow(/10\.0\.0\.5/);
  });

  it('accepts a remote target when explicitly allowed', () => {
    const env = { REDIS_URL: 'redis://10.0.0.5:6379', TRUSTWATCH_ALLOW_REMOTE_TEST_TARGETS: '1' };
    expect(planTargets(env).redis.url).toBe('redis://10.0.0.5:6379');
  });

  it('never prints the password of a refused Redis URL', () => {
    expect(() => planTargets({ REDIS_URL: 'redis://app:hunter2@10.0.0.5:6379' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') as unknown }),
    );
  });
});

describe('addresses', () => {
  it('treats only localhost, 127.0.0.0/8 and ::1 as loopback', () => {
    expect(['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '10.0.0.1', '128.0.0.1', 'localhost.evil.com', '::'].some(isLoopback)).toBe(false);
  });

  it('parses host:port and rejects an address without a valid port', () => {
    expect(parseHostPort('[::1]:9092')).toEqual({ host: '::1', port: 9092 });
    expect(() => parseHostPort('kafka')).toThrow(/kafka/);
    expect(() => parseHostPort('kafka:0')).toThrow(/kafka:0/);
  });
});
