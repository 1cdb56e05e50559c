import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { parseUntrustedJson } from '@trustwatch/schemas';
import { LogThrottle } from '../redfish/backoff.js';
import { contextMatches, parseRedfishEvent, presentedContext, triggersRead } from './redfish-event.js';

/** Where BMC subscriptions point: `POST <origin>/redfish/events/<bmc id>`. */
export const PUSH_PATH_PREFIX = '/redfish/events/';

/** The part of a pino logger the endpoint uses. */
export interface PushLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface PushServerOptions {
  /** Per BMC id, the `Context` secret its event subscription was registered with. */
  readonly eventContexts: ReadonlyMap<string, string>;
  /** Called for an authenticated event that may mean firmware changed; must return at once. */
  readonly onTrigger: (bmcId: string) => void;
  readonly log: PushLogger;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Largest accepted body; a Redfish event is a few KiB. Default 64 KiB. */
  readonly maxBodyBytes?: number;
  /** Serve HTTPS with this PEM key and certificate; BMCs should not send events in clear. */
  readonly tls?: { readonly key: string; readonly cert: string };
  /** Shortest interval between two refusal lines about the same BMC. Default 60 s. */
  readonly refusalLogIntervalMs?: number;
  readonly now?: () => number;
}

/** A running push endpoint. */
export interface PushServer {
  readonly url: string;
  close(): Promise<void>;
}

class Rejection extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Starts the Redfish event endpoint. It authenticates each POST by its subscription `Context` (compared
 * in constant time), caps the body, and asks for a re-read of the BMC for resource and update messages.
 * It answers 204 before the re-read happens: BMCs retry slow destinations and then drop them.
 */
export async function startPushServer(options: PushServerOptions): Promise<PushServer> {
  const limits: Limits = {
    maxBodyBytes: options.maxBodyBytes ?? 65_536,
    // Anyone who can reach the port can send a wrong context: one line per BMC per interval, with a count.
    refusals: new LogThrottle(options.refusalLogIntervalMs ?? 60_000),
    now: options.now ?? Date.now,
  };
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, options, limits).then(
      () => res.writeHead(204).end(),
      (error: unknown) => {
        const status = error instanceof Rejection ? error.status : 500;
        // Close the connection after an oversize body instead of reading the rest of it.
        if (status === 413) res.setHeader('connection', 'close');
        res
          .writeHead(status, { 'content-type': 'text/plain' })
          .end(error instanceof Rejection ? error.message : '');
      },
    );
  };
  const server: Server =
    options.tls === undefined ? createServer(handler) : createTlsServer({ ...options.tls }, handler);
  // A BMC sends one small body; a client that trickles bytes is cut off.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host ?? '127.0.0.1', done);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `${options.tls === undefined ? 'http' : 'https'}://${host}:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

interface Limits {
  readonly maxBodyBytes: number;
  readonly refusals: LogThrottle;
  readonly now: () => number;
}

async function handle(req: IncomingMessage, options: PushServerOptions, limits: Limits): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://push').pathname;
  if (!path.startsWith(PUSH_PATH_PREFIX)) throw new Rejection(404, 'not found');
  let bmcId: string;
  try {
    bmcId = decodeURIComponent(path.slice(PUSH_PATH_PREFIX.length));
  } catch {
    throw new Rejection(404, 'not found');
  }
  const expected = options.eventContexts.get(bmcId);
  if (expected === undefined) throw new Rejection(404, 'not found');
  if (req.method !== 'POST') throw new Rejection(405, 'POST only');
  const body = await readBody(req, limits.maxBodyBytes);
  let value: unknown;
  try {
    value = parseUntrustedJson(body);
  } catch {
    throw new Rejection(400, 'body is not valid JSON');
  }
  const event = parseRedfishEvent(value);
  if (event === undefined) throw new Rejection(400, 'body is not a Redfish event');
  if (!contextMatches(presentedContext(event), expected)) {
    // Never log what was presented: it may be a near-miss of the secret.
    const suppressed = limits.refusals.admit(bmcId, limits.now());
    if (suppressed !== undefined) {
      options.log.warn({ bmcId, suppressed }, 'push event with a wrong subscription context refused');
    }
    throw new Rejection(401, 'wrong context');
  }
  if (triggersRead(event)) {
    options.log.info({ bmcId, events: event.Events.length }, 'push event: re-reading BMC');
    options.onTrigger(bmcId);
  }
}

function readBody(req: IncomingMessage, maxBodyBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBodyBytes) {
    return Promise.reject(new Rejection(413, 'body too large'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new Rejection(413, 'body too large'));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
