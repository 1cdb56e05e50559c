import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBmc, type TestBmc } from '../test-support/bmc-server.js';
import { dmtfRoutes, endpointFor } from '../test-support/bmcs.js';
import { RedfishClient } from './client.js';
import { readInventory } from './inventory.js';

let bmc: TestBmc;
let certificate: string;
let dir: string;

// A throwaway self-signed certificate for 127.0.0.1, made per run: no key material lives in the repo.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ingest-firmware-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=test-bmc',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  certificate = readFileSync(join(dir, 'cert.pem'), 'utf8');
  bmc = await startTestBmc(dmtfRoutes(), {
    tls: { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: certificate },
  });
});
afterAll(async () => {
  await bmc.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TLS to a BMC', () => {
  it('refuses a BMC whose certificate no trusted CA signed', async () => {
    const client = new RedfishClient(endpointFor('tls-default', bmc.baseUrl));
    await expect(readInventory(client)).rejects.toMatchObject({ code: 'BMC_TLS_FAILED', retriable: false });
  });

  it('reads a BMC whose certificate the configured custom CA signed', async () => {
    const client = new RedfishClient(endpointFor('tls-custom-ca', bmc.baseUrl, { ca: certificate }));
    const reading = await readInventory(client);
    expect(reading.snapshot.components.map((c) => c.id)).toContain('BMC');
  });
});
