import { ConfigError } from '@trustwatch/config';
import { describe, expect, it } from 'vitest';
import { loadApiConfig } from './config.js';

const base = { KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('api config', () => {
  it('applies defaults and accepts API keys only when no token issuer is configured', () => {
    const config = loadApiConfig(base);
    expect(config.api).toMatchObject({ host: '0.0.0.0', port: 8080, jwt: null, adminKeyHash: null });
    expect(config.api.limits.bodyBytes).toBe(65_536);
  });

  it('takes the token issuer, audience and an https key set together', () => {
    const jwt = {
      JWT_ISSUER: 'https://idp.example/',
      JWT_AUDIENCE: 'trustwatch',
      JWT_JWKS_URL: 'https://idp.example/jwks',
    };
    expect(loadApiConfig({ ...base, ...jwt }).api.jwt).toEqual({
      issuer: jwt.JWT_ISSUER,
      audience: 'trustwatch',
      jwksUrl: jwt.JWT_JWKS_URL,
    });
    expect(() => loadApiConfig({ ...base, JWT_ISSUER: jwt.JWT_ISSUER })).toThrow(ConfigError);
    expect(() => loadApiConfig({ ...base, ...jwt, JWT_JWKS_URL: 'http://idp.example/jwks' })).toThrow(
      ConfigError,
    );
  });

  it('refuses a bootstrap admin key that is not a SHA-256 hash, without echoing it', () => {
    try {
      loadApiConfig({ ...base, API_ADMIN_KEY_SHA256: 'twk_plaintext-key' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect(String((error as Error).message)).not.toContain('twk_plaintext-key');
    }
  });
});
