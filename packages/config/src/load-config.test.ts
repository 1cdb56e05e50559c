import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, kafkaSection, loadConfig, loggingSection, redisSection } from './index.js';

const sections = { kafka: kafkaSection(), redis: redisSection(), log: loggingSection() };
const minimal = { KAFKA_BROKERS: '127.0.0.1:19092', REDIS_URL: 'redis://127.0.0.1:16379' };

function failure(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('returns typed sections with defaults applied when the environment is minimal', () => {
    const config = loadConfig(sections, minimal);
    expect(config.kafka).toEqual({
      brokers: ['127.0.0.1:19092'],
      clientId: 'trustwatch',
      ssl: false,
      sessionTimeoutMs: 10_000,
      heartbeatIntervalMs: 3_000,
    });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:16379', tls: false, keyPrefix: '' });
    expect(config.log.level).toBe('info');
  });

  it('lists every bad variable across all sections in one error', () => {
    const error = failure(() =>
      loadConfig(sections, { KAFKA_BROKERS: 'no-port', KAFKA_SSL: 'maybe', LOG_LEVEL: 'loud' }),
    );
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.retriable).toBe(false);
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual([
      'KAFKA_BROKERS',
      'KAFKA_SSL',
      'LOG_LEVEL',
      'REDIS_URL',
    ]);
    for (const name of ['KAFKA_BROKERS', 'KAFKA_SSL', 'LOG_LEVEL', 'REDIS_URL']) {
      expect(error.message).toContain(`- ${name}: `);
    }
  });

  it('says a missing variable is required rather than quoting the parser', () => {
    const error = failure(() => loadConfig(sections, { REDIS_URL: minimal.REDIS_URL }));
    expect(error.issues).toEqual([{ variable: 'KAFKA_BROKERS', problem: 'required' }]);
  });

  it('treats an empty variable as unset so the default applies', () => {
    expect(loadConfig(sections, { ...minimal, LOG_LEVEL: '' }).log.level).toBe('info');
  });

  it('never puts a secret value into the error message', () => {
    const canary = 'canary-Secret-7f3a';
    const error = failure(() =>
      loadConfig(sections, {
        ...minimal,
        REDIS_URL: `http://user:${canary}@cache:6379`,
        KAFKA_SASL_PASSWORD: canary,
      }),
    );
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual(['KAFKA_SASL_PASSWORD', 'REDIS_URL']);
    expect(error.message).not.toContain(canary);
    expect(JSON.stringify(error.issues)).not.toContain(canary);
  });

  it('freezes the result deeply so no module can change the configuration of another', () => {
    const config = loadConfig(sections, { ...minimal, KAFKA_BROKERS: 'a:1,b:2' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.kafka)).toBe(true);
    expect(Object.isFrozen(config.kafka.brokers)).toBe(true);
    expect(() => (config.kafka.brokers as string[]).push('c:3')).toThrow(TypeError);
  });

  it('reports a variable read by two sections once', () => {
    const error = failure(() => loadConfig({ a: redisSection(), b: redisSection() }, {}));
    expect(error.issues).toEqual([{ variable: 'REDIS_URL', problem: 'required (or set REDIS_URL_FILE)' }]);
  });

  it('accepts a single schema over the whole environment', () => {
    const schema = z.object({ PORT: z.coerce.number().int().min(1).max(65535) });
    expect(loadConfig(schema, { PORT: '8080' })).toEqual({ PORT: 8080 });
    expect(failure(() => loadConfig(schema, { PORT: '0' })).issues[0]?.variable).toBe('PORT');
  });

  it('reads a secret from a *_FILE and drops the trailing newline an editor adds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trustwatch-config-'));
    const file = join(dir, 'redis-url');
    writeFileSync(file, 'redis://app:pw@127.0.0.1:16379\n');
    const config = loadConfig({ redis: redisSection() }, { REDIS_URL_FILE: file });
    expect(config.redis.url).toBe('redis://app:pw@127.0.0.1:16379');
  });
});
