import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request } from 'node:https';
import { join } from 'node:path';
import { publicDataPath } from '@trustwatch/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES } from '../test-support/bmc-server.js';
import { selfSignedCertificate } from '../test-support/self-signed.js';
import { startPushServer, type PushServer } from './push-server.js';

const CONTEXT = 'subscription-context-7f3a9c';
const resourceChanged = JSON.parse(
  readFileSync(join(FIXTURES, 'event-firmware-resource-changed.json'), 'utf8'),
) as Record<string, unknown>;
const cableRemoved = JSON.parse(
  readFileSync(publicDataPath('redfish-dmtf-mockups', 'non-resource-examples', 'EventExample.json'), 'utf8'),
) as Record<string, unknown>;

let server: PushServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  const triggered: string[] = [];
  const warnings: object[] = [];
  server = await startPushServer({
    port: 0,
    eventContexts: new Map([['bmc-1', CONTEXT]]),
    onTrigger: (bmcId) => triggered.push(bmcId),
    log: { info: () => undefined, warn: (fields) => warnings.push(fields) },
    maxBodyBytes: 4_096,
  });
  const post = (path: string, body: unknown, init: RequestInit = {}) =>
    fetch(`${server?.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...init,
    });
  return { triggered, warnings, post };
}

describe('Redfish push endpoint', () => {
  it('re-reads the BMC when a ResourceChanged event carries the subscription context', async () => {
    const { triggered, post } = await start();
    const response = await post('/redfish/events/bmc-1', { ...resourceChanged, Context: CONTEXT });
    expect(response.status).toBe(204);
    expect(triggered).toEqual(['bmc-1']);
  });

  it('refuses an event with a wrong context and logs the BMC, never the context', async () => {
    const { triggered, warnings, post } = await start();
    const response = await post('/redfish/events/bmc-1', { ...resourceChanged, Context: `${CONTEXT}x` });
    expect(response.status).toBe(401);
    expect(triggered).toEqual([]);
    expect(JSON.stringify(warnings)).not.toContain(CONTEXT);
    expect(warnings).toEqual([{ bmcId: 'bmc-1', suppressed: 0 }]);
  });

  it('refuses an event without any context', async () => {
    const { triggered, post } = await start();
    const { Context: _context, ...anonymous } = resourceChanged;
    expect((await post('/redfish/events/bmc-1', anonymous)).status).toBe(401);
    expect(triggered).toEqual([]);
  });

  it('accepts an authenticated event that does not concern firmware without re-reading', async () => {
    const { triggered, post } = await start();
    const response = await post('/redfish/events/bmc-1', { ...cableRemoved, Context: CONTEXT });
    expect(response.status).toBe(204);
    expect(triggered).toEqual([]);
  });

  it('refuses a body above the limit, invalid JSON, other methods and unknown BMCs', async () => {
    const { triggered, post } = await start();
    const padded = { ...resourceChanged, Context: CONTEXT, Pad: 'x'.repeat(8_192) };
    expect((await post('/redfish/events/bmc-1', padded)).status).toBe(413);
    expect((await post('/redfish/events/bmc-1', '{"Context":')).status).toBe(400);
    expect((await post('/redfish/events/bmc-1', { Context: CONTEXT })).status).toBe(400);
    expect((await post('/redfish/events/bmc-9', { ...resourceChanged, Context: CONTEXT })).status).toBe(404);
    expect((await fetch(`${server?.url}/redfish/events/bmc-1`)).status).toBe(405);
    expect(triggered).toEqual([]);
  });

  it('logs repeated wrong contexts for one BMC once per interval', async () => {
    const { warnings, post } = await start();
    for (let i = 0; i < 3; i += 1) {
      expect((await post('/redfish/events/bmc-1', { ...resourceChanged, Context: 'guess' })).status).toBe(
        401,
      );
    }
    expect(warnings).toHaveLength(1);
  });

  it('takes events over HTTPS when given a key and certificate', async () => {
    const tls = selfSignedCertificate();
    const triggered: string[] = [];
    server = await startPushServer({
      port: 0,
      tls,
      eventContexts: new Map([['bmc-1', CONTEXT]]),
      onTrigger: (bmcId) => triggered.push(bmcId),
      log: { info: () => undefined, warn: () => undefined },
    });
    expect(server.url).toMatch(/^https:/);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(
        `${server?.url}/redfish/events/bmc-1`,
        { method: 'POST', ca: tls.cert, headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ ...resourceChanged, Context: CONTEXT }));
    });
    expect(status).toBe(204);
    expect(triggered).toEqual(['bmc-1']);
  });

  it('cuts off a streamed body without a length once it passes the limit', async () => {
    const { triggered } = await start();
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = httpRequest(`${server?.url}/redfish/events/bmc-1`, { method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      // Chunked transfer: the server only learns the size by counting, as with an endless body.
      for (let i = 0; i < 4; i += 1) req.write(' '.repeat(2_048));
      req.end();
    });
    expect(status).toBe(413);
    expect(triggered).toEqual([]);
  });
});
