import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publicDataPath } from '@trustwatch/testing';

/**
 * A local stand-in for a BMC, for tests only: serves real Redfish files over HTTP on a random port,
 * with ETags and optional basic auth, and records what it was asked. Handlers inject faults.
 */

/** The real public Redfish data, and this service's derived fixtures. */
export const SHARED_DATA = publicDataPath();
export const FIXTURES = resolve(fileURLToPath(import.meta.url), '../../../fixtures');

export type Route = Buffer | ((req: IncomingMessage, res: ServerResponse) => void);
export type Routes = Record<string, Route>;

export interface RecordedRequest {
  readonly path: string;
  readonly ifNoneMatch: string | undefined;
  readonly authorization: string | undefined;
  readonly xAuthToken: string | undefined;
  readonly status: number;
}

export interface TestBmc {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Replaces or adds routes while the server runs (a BMC whose firmware changed between polls). */
  readonly routes: Routes;
  close(): Promise<void>;
}

/** A DMTF mockup folder (one `index.json` per resource) as routes under `/redfish/v1`. */
export function mockupRoutes(folder: string): Routes {
  const routes: Routes = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'index.json') {
        const rel = relative(folder, dir).split(sep).join('/');
        routes[rel === '' ? '/redfish/v1' : `/redfish/v1/${rel}`] = readFileSync(path);
      }
    }
  };
  walk(folder);
  return routes;
}

/** A route map fixture (`{ path: resource }`) as routes. */
export function routeMapRoutes(file: string): Routes {
  const map = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(map).map(([path, body]) => [path, Buffer.from(JSON.stringify(body))]),
  );
}

export function fileRoute(file: string): Buffer {
  return readFileSync(file);
}

export async function startTestBmc(
  routes: Routes,
  options: {
    basicAuth?: { username: string; password: string };
    etags?: boolean;
    /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
    tls?: { key: string; cert: string };
  } = {},
): Promise<TestBmc> {
  const requests: RecordedRequest[] = [];
  const expected =
    options.basicAuth === undefined
      ? undefined
      : `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`;
  const handler: RequestListener = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://bmc').pathname.replace(/\/+$/, '') || '/';
    const record = (status: number): void => {
      requests.push({
        path,
        ifNoneMatch: req.headers['if-none-match'],
        authorization: req.headers.authorization,
        xAuthToken: typeof req.headers['x-auth-token'] === 'string' ? req.headers['x-auth-token'] : undefined,
        status,
      });
    };
    if (expected !== undefined && req.headers.authorization !== expected) {
      record(401);
      res.writeHead(401, { 'www-authenticate': 'Basic realm="bmc"' }).end();
      return;
    }
    const route = routes[path];
    if (route === undefined) {
      record(404);
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    if (typeof route === 'function') {
      record(0);
      route(req, res);
      return;
    }
    const etag = options.etags === false ? undefined : `"${createHash('sha1').update(route).digest('hex')}"`;
    if (etag !== undefined && req.headers['if-none-match'] === etag) {
      record(304);
      res.writeHead(304, { etag }).end();
      return;
    }
    record(200);
    res
      .writeHead(200, { 'content-type': 'application/json', ...(etag === undefined ? {} : { etag }) })
      .end(route);
  };
  const server: Server =
    options.tls === undefined ? createServer(handler) : createTlsServer(options.tls, handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
    requests,
    routes,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
