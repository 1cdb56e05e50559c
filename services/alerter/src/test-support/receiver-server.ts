import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}

export interface ReceiverServer {
  readonly url: string;
  readonly port: number;
  readonly received: Received[];
  /** Connections accepted so far, and how many of them are still open. */
  connections(): { readonly accepted: number; readonly open: number };
  close(): Promise<void>;
}

/**
 * A local HTTP receiver recording every request; `respond` decides the answer (default 200). Listens on
 * `host` (`::` takes IPv4 and IPv6 loopback alike, for the SSRF canary).
 */
export async function startReceiver(
  respond: (req: Received, res: ServerResponse) => void = (_req, res) => res.end('ok'),
  host = '127.0.0.1',
): Promise<ReceiverServer> {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const r = { path: req.url ?? '', headers: req.headers, body, at: Date.now() };
      received.push(r);
      respond(r, res);
    });
  });
  server.on('connection', (s) => {
    accepted += 1;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    port,
    received,
    connections: () => ({ accepted, open: sockets.size }),
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging test handlers keep sockets open; destroy them so close() returns.
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
