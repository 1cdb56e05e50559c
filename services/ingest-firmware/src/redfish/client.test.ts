import { afterEach, describe, expect, it } from 'vitest';
import { startTestBmc, type TestBmc } from '../test-support/bmc-server.js';
import { dmtfRoutes, endpointFor } from '../test-support/bmcs.js';
import { RedfishClient } from './client.js';
import { bmcEndpointSchema } from './endpoint.js';

let bmc: TestBmc | undefined;
afterEach(async () => {
  await bmc?.close();
  bmc = undefined;
});

describe('BMC endpoint configuration', () => {
  it('refuses a base URL that carries credentials, since URLs end up in logs', () => {
    const input = { id: 'b', customerId: 'c', assetId: 'a', baseUrl: 'https://admin:secret@10.0.0.5' };
    expect(bmcEndpointSchema.safeParse(input).success).toBe(false);
  });

  it('refuses a base URL with a path, since Redfish fixes the service root', () => {
    const input = { id: 'b', customerId: 'c', assetId: 'a', baseUrl: 'https://10.0.0.5/redfish/v1' };
    expect(bmcEndpointSchema.safeParse(input).success).toBe(false);
  });
});

describe('RedfishClient', () => {
  const client = new RedfishClient(endpointFor('bmc-1', 'http://127.0.0.1:8443'));

  it.each([
    ['an absolute URL on another host', 'http://169.254.169.254/redfish/v1/Systems'],
    ['the same host on another port', 'http://127.0.0.1:9999/redfish/v1/Systems'],
    ['a path outside the service root', '/admin/config'],
    ['a dot-dot escape', '/redfish/v1/Systems/../../../etc/shadow'],
    ['a look-alike prefix', '/redfish/v1evil/Systems'],
  ])('refuses to follow %s', (_case, link) => {
    expect(() => client.resolve(link)).toThrow(expect.objectContaining({ code: 'BMC_OUTSIDE_SERVICE_ROOT' }));
  });

  it('follows relative and absolute links under the service root', () => {
    expect(client.resolve('/redfish/v1/Managers/BMC').href).toBe(
      'http://127.0.0.1:8443/redfish/v1/Managers/BMC',
    );
    expect(client.resolve('http://127.0.0.1:8443/redfish/v1').pathname).toBe('/redfish/v1');
  });

  it('authenticates with a session token in X-Auth-Token instead of basic credentials', async () => {
    bmc = await startTestBmc(dmtfRoutes());
    const tokenClient = new RedfishClient(
      endpointFor('bmc-token', bmc.baseUrl, { credentials: { kind: 'token', token: 'session-token-1' } }),
    );
    const root = await tokenClient.get('/redfish/v1');
    expect(root['Vendor']).toBe('Contoso');
    expect(bmc.requests[0]?.authorization).toBeUndefined();
    expect(bmc.requests[0]?.xAuthToken).toBe('session-token-1');
  });
});
