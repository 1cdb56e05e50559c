import { ConfigError } from '@trustwatch/config';
import { describe, expect, it } from 'vitest';
import { loadSupplierConfig } from './config.js';

const base = { KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('supplier ingest state configuration', () => {
  it('keeps the snapshot state in Redis with a 30 s lease unless told otherwise', () => {
    expect(loadSupplierConfig(base).state).toEqual({ store: 'redis', leaseMs: 30_000 });
  });

  it('keeps the file state when SUPPLIER_STATE is file, and takes the lease from the environment', () => {
    const config = loadSupplierConfig({ ...base, SUPPLIER_STATE: 'file', SUPPLIER_LEASE_MS: '5000' });
    expect(config.state).toEqual({ store: 'file', leaseMs: 5000 });
  });

  it('refuses an unknown state store and a lease that is not a positive number of ms', () => {
    expect(() => loadSupplierConfig({ ...base, SUPPLIER_STATE: 'disk' })).toThrow(ConfigError);
    expect(() => loadSupplierConfig({ ...base, SUPPLIER_LEASE_MS: '0' })).toThrow(ConfigError);
  });
});
