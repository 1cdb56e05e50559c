import { describe, expect, it } from 'vitest';
import { kafkaConnection, redisConnection } from './connections.js';

describe('kafkaConnection', () => {
  it('leaves TLS and SASL out for a plaintext broker', () => {
    expect(kafkaConnection({ brokers: ['k:9092'], clientId: 'tw', ssl: false })).toEqual({
      brokers: ['k:9092'],
      clientId: 'tw',
    });
  });

  it('carries the CA and the SASL credentials when they are configured', () => {
    const sasl = { mechanism: 'scram-sha-512', username: 'svc', password: 'pw' } as const;
    expect(kafkaConnection({ brokers: ['k:9093'], clientId: 'tw', ssl: { ca: 'PEM' }, sasl })).toEqual({
      brokers: ['k:9093'],
      clientId: 'tw',
      ssl: { ca: 'PEM' },
      sasl,
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
