import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadIngestConfig } from './config.js';

const PASSWORD = 'bmc-password-9d2e';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ingest-firmware-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const baseEnv = { KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'redis://127.0.0.1:6379' };

function bmcFile(entry: Record<string, unknown>): string {
  return write(
    'bmcs.json',
    JSON.stringify({
      bmcs: [{ id: 'bmc-1', customerId: 'acme', assetId: 'srv-1', baseUrl: 'https://10.0.0.5', ...entry }],
    }),
  );
}

describe('loadIngestConfig', () => {
  it('takes the entity catalog that keys the known-good catalog from the environment', () => {
    expect(loadIngestConfig(baseEnv).ingest.entityCatalogFile).toBeUndefined();
    const config = loadIngestConfig({ ...baseEnv, ENTITY_CATALOG_FILE: '/etc/trustwatch/entities.json' });
    expect(config.ingest.entityCatalogFile).toBe('/etc/trustwatch/entities.json');
  });

  it('reads the BMC list with credentials and event context from secret files', () => {
    const config = loadIngestConfig({
      ...baseEnv,
      FIRMWARE_BMC_FILE: bmcFile({
        credentials: { kind: 'basic', username: 'collector', passwordFile: write('pw', `${PASSWORD}\n`) },
        eventContextFile: write('ctx', 'ctx-1'),
      }),
      FIRMWARE_PUSH_PORT: '8443',
    });
    expect(config.ingest.endpoints[0]).toMatchObject({
      id: 'bmc-1',
      credentials: { kind: 'basic', username: 'collector', password: PASSWORD },
      timeoutMs: 10_000,
    });
    expect(config.ingest.eventContexts.get('bmc-1')).toBe('ctx-1');
    expect(config.ingest.push).toEqual({ port: 8443, host: '0.0.0.0' });
  });

  it('runs as a consumer only when no BMC list is set', () => {
    const config = loadIngestConfig(baseEnv);
    expect(config.ingest.endpoints).toEqual([]);
    expect(config.ingest.push).toBeUndefined();
    expect(config.ingest.pollIntervalMs).toBe(300_000);
  });

  it('names a missing secret file by path', () => {
    const missing = join(dir, 'nope');
    expect(() =>
      loadIngestConfig({
        ...baseEnv,
        FIRMWARE_BMC_FILE: bmcFile({ credentials: { kind: 'token', tokenFile: missing } }),
      }),
    ).toThrow(`cannot read tokenFile ${missing} (ENOENT)`);
  });

  it('refuses an inline password and never echoes a secret in its errors', () => {
    let message = '';
    try {
      loadIngestConfig({
        ...baseEnv,
        FIRMWARE_BMC_FILE: bmcFile({
          baseUrl: `https://collector:${PASSWORD}@10.0.0.5`,
          credentials: { kind: 'basic', username: 'collector', password: PASSWORD },
        }),
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('FIRMWARE_BMC_FILE');
    expect(message).not.toContain(PASSWORD);
  });

  it('refuses a BMC whose base URL carries user info, without echoing it', () => {
    let message = '';
    try {
      loadIngestConfig({
        ...baseEnv,
        FIRMWARE_BMC_FILE: bmcFile({ baseUrl: `https://collector:${PASSWORD}@10.0.0.5` }),
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('baseUrl');
    expect(message).not.toContain(PASSWORD);
  });

  it('wants both push TLS files or neither', () => {
    expect(() =>
      loadIngestConfig({
        ...baseEnv,
        FIRMWARE_PUSH_PORT: '8443',
        FIRMWARE_PUSH_TLS_KEY_FILE: write('k', 'x'),
      }),
    ).toThrow('FIRMWARE_PUSH_TLS_KEY_FILE');
  });
});
