import { describe, expect, it } from 'vitest';
import { kafkaConnection, redisConnection } from './connections.js';

const timings = { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 3_000 };

describe('kafkaConnection', () => {
  it('leaves TLS and SASL out for a plaintext broker', () => {
    expect(kafkaConnection({ brokers: ['k:9092'], clientId: 'tw', ssl: false, ...timings })).toEqual({
      brokers: ['k:9092'],
      clientId: 'tw',
      consumer: timings,
    });
  });

  it("passes the session timeout and heartbeat into the bus's consumer settings", () => {
    const config = { brokers: ['k:9092'], clientId: 'tw', ssl: false as const };
    const short = { sessionTimeoutMs: 6_000, heartbeatIntervalMs: 2_000 };
    expect(kafkaConnection({ ...config, ...short }).consumer).toEqual(short);
  });

  it('carries the CA and the SASL credentials when they are configured', () => {
    const sasl = { mechanism: 'scram-sha-512', username: 'svc', password: 'pw' } as const;
    const config = { brokers: ['k:9093'], clientId: 'tw', ssl: { ca: 'PEM' }, sasl, ...timings };
    expect(kafkaConnection(config)).toEqual({
      brokers: ['k:9093'],
      clientId: 'tw',
      ssl: { ca: 'PEM' },
      sasl,
      consumer: timings,
    });
  });
});

describe('redisConnection', () => {
  it('maps the key prefix and leaves TLS out for plaintext', () => {
    expect(redisConnection({ url: 'redis://r:6379', tls: false, keyPrefix: 'tw' })).toEqual({
      url: 'redis://r:6379',
      prefix: 'tw',
    });
  });

  it('carries the CA for TLS', () => {
    expect(redisConnection({ url: 'rediss://r:6380', tls: { ca: 'PEM' }, keyPrefix: 'p' })).toEqual({
      url: 'rediss://r:6380',
      tls: { ca: 'PEM' },
      prefix: 'p',
    });
  });
});
