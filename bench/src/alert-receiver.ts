import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A local webhook endpoint: the alerter's route in the alert phase. */
export interface AlertReceiver {
  readonly url: string;
  /** Requests received so far, including ones the bench could not attribute to a customer. */
  readonly requests: number;
  close(): Promise<void>;
}

/** The part of a Trustwatch webhook body the bench reads (the alerter sends the whole notification). */
interface WebhookBody {
  readonly data?: { readonly groupLabels?: Record<string, string> };
}

function customerOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as WebhookBody).data?.groupLabels?.['customer'];
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

/**
 * Listens on a free loopback port and calls `arrived` with each notification's customer and the
 * instant (performance.now()) its request arrived, then answers 200 as a healthy webhook does.
 */
export async function startAlertReceiver(
  arrived: (customerId: string, at: number) => void,
): Promise<AlertReceiver> {
  let requests = 0;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const at = performance.now();
    void readBody(req).then(
      (body) => {
        requests += 1;
        const customer = customerOf(body);
        if (customer !== undefined) arrived(customer, at);
        res.end('ok');
      },
      () => res.writeHead(400).end(),
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}/alerts`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive sockets of the alerter's HTTP agent would hold close() open.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
