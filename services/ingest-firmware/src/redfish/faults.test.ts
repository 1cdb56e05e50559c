import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestFirmwareError, type IngestFirmwareErrorCode } from '../errors.js';
import { startTestBmc, type Route, type Routes, type TestBmc } from '../test-support/bmc-server.js';
import { dmtfRoutes, endpointFor } from '../test-support/bmcs.js';
import { RedfishClient } from './client.js';
import type { BmcEndpoint } from './endpoint.js';
import { readInventory, type InventoryReading } from './inventory.js';
import { FirmwarePoller } from './poller.js';

const PASSWORD = 'not-a-real-secret';
const COLLECTION = '/redfish/v1/UpdateService/FirmwareInventory';

const status =
  (code: number, headers: Record<string, string> = {}): Route =>
  (_req, res) =>
    res.writeHead(code, headers).end();
const body =
  (text: string): Route =>
  (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(text);

// Writes 16 KiB every few milliseconds until the client hangs up: a BMC stuck in a loop.
const endless: Route = (_req, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"Members": [');
  const chunk = `"${'x'.repeat(16_384)}",`;
  const timer = setInterval(() => res.write(chunk), 2);
  res.on('close', () => clearInterval(timer));
};

const membersOutside = (link: string): Route =>
  body(JSON.stringify({ '@odata.id': COLLECTION, Members: [{ '@odata.id': link }] }));

interface FaultRow {
  readonly fault: string;
  readonly path: string;
  readonly route: Route;
  readonly code: IngestFirmwareErrorCode;
  readonly retriable: boolean;
}

const FAULTS: readonly FaultRow[] = [
  {
    fault: 'never answers',
    path: '/redfish/v1',
    route: () => undefined,
    code: 'BMC_TIMEOUT',
    retriable: true,
  },
  {
    fault: 'answers 401',
    path: '/redfish/v1',
    route: status(401),
    code: 'BMC_AUTH_FAILED',
    retriable: false,
  },
  {
    fault: 'answers 403',
    path: '/redfish/v1/UpdateService',
    route: status(403),
    code: 'BMC_AUTH_FAILED',
    retriable: false,
  },
  { fault: 'answers 500', path: COLLECTION, route: status(500), code: 'BMC_SERVER_ERROR', retriable: true },
  {
    fault: 'redirects elsewhere',
    path: '/redfish/v1',
    route: status(302, { location: 'http://198.51.100.7/redfish/v1' }),
    code: 'BMC_REDIRECT',
    retriable: false,
  },
  {
    fault: 'returns invalid JSON',
    path: COLLECTION,
    route: body('{"Members": [{"@odata.id": '),
    code: 'BMC_INVALID_JSON',
    retriable: false,
  },
  {
    fault: 'returns a __proto__ key',
    path: '/redfish/v1',
    route: body('{"Id": "x", "__proto__": {"polluted": true}}'),
    code: 'BMC_INVALID_JSON',
    retriable: false,
  },
  {
    fault: 'declares a huge body',
    path: '/redfish/v1',
    route: (_req, res) => res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) }).end(),
    code: 'BMC_BODY_TOO_LARGE',
    retriable: false,
  },
  {
    fault: 'sends a huge chunked body',
    path: COLLECTION,
    route: body(`{"Members": [], "Pad": "${'y'.repeat(300_000)}"}`),
    code: 'BMC_BODY_TOO_LARGE',
    retriable: false,
  },
  {
    fault: 'sends an endless body',
    path: COLLECTION,
    route: endless,
    code: 'BMC_BODY_TOO_LARGE',
    retriable: false,
  },
  {
    fault: 'lists a member on another host',
    path: COLLECTION,
    route: membersOutside('http://169.254.169.254/latest/meta-data'),
    code: 'BMC_OUTSIDE_SERVICE_ROOT',
    retriable: false,
  },
  {
    fault: 'lists a member outside the service root',
    path: COLLECTION,
    route: membersOutside('/redfish/v1/../../etc/passwd'),
    code: 'BMC_OUTSIDE_SERVICE_ROOT',
    retriable: false,
  },
];

let healthy: TestBmc;
beforeAll(async () => {
  healthy = await startTestBmc(dmtfRoutes());
});
afterAll(async () => {
  await healthy.close();
});

describe('a poll where one BMC misbehaves', () => {
  it.each(FAULTS)(
    'reports $code when a BMC $fault, while the healthy BMC still yields its snapshot',
    async (row) => {
      const routes: Routes = { ...dmtfRoutes(), [row.path]: row.route };
      const faulty = await startTestBmc(routes);
      try {
        const endpoints = [
          endpointFor('faulty', faulty.baseUrl, { timeoutMs: 400, maxBodyBytes: 65_536 }),
          endpointFor('healthy', healthy.baseUrl),
        ];
        const snapshots: string[] = [];
        const logged: unknown[] = [];
        const log = {
          warn: (fields: object) => logged.push(fields),
          error: (fields: object) => logged.push(fields),
        };
        const poller = new FirmwarePoller({
          endpoints,
          read: (endpoint: BmcEndpoint): Promise<InventoryReading> =>
            readInventory(new RedfishClient(endpoint)),
          onSnapshot: (reading) => {
            snapshots.push(reading.snapshot.assetId);
          },
          log,
          concurrency: 2,
        });
        const round = await poller.pollOnce();
        expect(round.succeeded).toEqual(['healthy']);
        expect(snapshots).toEqual(['asset-healthy']);
        expect(round.failed).toHaveLength(1);
        const error = round.failed[0]?.error;
        expect(error).toBeInstanceOf(IngestFirmwareError);
        expect(error).toMatchObject({ code: row.code, retriable: row.retriable, bmcId: 'faulty' });
        const basic = Buffer.from(`collector:${PASSWORD}`).toString('base64');
        const text = `${(error as Error).message} ${JSON.stringify(logged)}`;
        expect(text).not.toContain(PASSWORD);
        expect(text).not.toContain(basic);
        expect(poller.failuresOf('faulty')).toBe(1);
      } finally {
        await faulty.close();
      }
    },
  );
});
