import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redisSection } from './index.js';

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ redis: redisSection() }, env);
  } catch (error) {
    if (error instanceof ConfigError)
      return error.issues.map((issue) => `${issue.variable}: ${issue.problem}`);
    throw error;
  }
  return [];
}

describe('redisSection', () => {
  it('turns TLS on for a rediss:// URL unless REDIS_TLS says otherwise', () => {
    const url = 'rediss://cache.internal:6380';
    expect(loadConfig({ redis: redisSection() }, { REDIS_URL: url }).redis.tls).toEqual({});
    expect(loadConfig({ redis: redisSection() }, { REDIS_URL: url, REDIS_TLS: 'false' }).redis.tls).toBe(
      false,
    );
  });

  it('rejects a URL of another scheme', () => {
    expect(issuesOf({ REDIS_URL: 'http://cache:6379' })).toEqual([
      'REDIS_URL: must be a redis:// or rediss:// URL',
    ]);
  });

  it('rejects a key prefix with braces, which would put every customer in one cluster slot', () => {
    expect(issuesOf({ REDIS_URL: 'redis://cache:6379', REDIS_KEY_PREFIX: '{tw}:' })).toHaveLength(1);
    const config = loadConfig(
      { redis: redisSection() },
      { REDIS_URL: 'redis://c:1', REDIS_KEY_PREFIX: 'tw:' },
    );
    expect(config.redis.keyPrefix).toBe('tw:');
  });

  it('uses the key prefix default given by the caller', () => {
    const config = loadConfig({ redis: redisSection({ keyPrefix: 'demo:' }) }, { REDIS_URL: 'redis://c:1' });
    expect(config.redis.keyPrefix).toBe('demo:');
  });
});
