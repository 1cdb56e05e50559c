import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBmc, type TestBmc } from '../test-support/bmc-server.js';
import { dmtfRoutes, endpointFor } from '../test-support/bmcs.js';
import { selfSignedCertificate } from '../test-support/self-signed.js';
import { RedfishClient } from './client.js';
import { readInventory } from './inventory.js';

let bmc: TestBmc;
let certificate: string;

beforeAll(async () => {
  const tls = selfSignedCertificate();
  certificate = tls.cert;
  bmc = await startTestBmc(dmtfRoutes(), { tls });
});
afterAll(async () => {
  await bmc.close();
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
