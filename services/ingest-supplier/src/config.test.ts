import { ConfigError } from '@trustwatch/config';
import { describe, expect, it } from 'vitest';
import { loadSupplierConfig } from './config.js';

const base = { KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('supplier ingest configuration', () => {
  it('watches the listed inputs and keeps its state in var/ingest-supplier by default', () => {
    const config = loadSupplierConfig({ ...base, SUPPLIER_INPUTS: ' /data/boms , /data/registry ,' });
    expect(config.supplier).toEqual({
      inputs: ['/data/boms', '/data/registry'],
      stateDir: 'var/ingest-supplier',
      scanIntervalMs: 60_000,
      settleMs: 2000,
      namespace: '',
      shutdownDeadlineMs: 30_000,
    });
    expect(config.kafka.clientId).toBe('ingest-supplier');
    expect(Object.isFrozen(config.supplier.inputs)).toBe(true);
  });

  it('takes the BOM vendor, the catalog file and the timings from the environment', () => {
    const config = loadSupplierConfig({
      ...base,
      SUPPLIER_BOM_VENDOR: 'Supermicro',
      ENTITY_CATALOG_FILE: '/etc/trustwatch/entities.json',
      SUPPLIER_SCAN_INTERVAL_MS: '5000',
      SUPPLIER_SETTLE_MS: '0',
    });
    expect(config.supplier).toMatchObject({
      inputs: [],
      bomVendor: 'Supermicro',
      catalogFile: '/etc/trustwatch/entities.json',
      scanIntervalMs: 5000,
      settleMs: 0,
    });
  });

  it('names every bad variable at once', () => {
    const error = (() => {
      try {
        loadSupplierConfig({ ...base, SUPPLIER_SCAN_INTERVAL_MS: '0', KAFKA_TOPIC_NAMESPACE: 'a b' });
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.variable).sort()).toEqual([
      'KAFKA_TOPIC_NAMESPACE',
      'SUPPLIER_SCAN_INTERVAL_MS',
    ]);
  });
});
