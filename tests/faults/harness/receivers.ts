import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got: the idempotency key, the notification it carried, and the answer given. */
export interface Delivery {
  readonly webhookId: string;
  readonly notificationId: string;
  /** `<customer>/<fingerprint>/<status>` of each alert the notification carried. */
  readonly alerts: readonly string[];
  readonly status: number | 'no answer';
  /** When the request arrived (ms since the epoch). */
  readonly at: number;
}

interface Payload {
  data?: {
    id?: unknown;
    alerts?: { fingerprint?: unknown; status?: unknown; labels?: { customer?: unknown } }[];
  };
}

/** How a receiver answers the `n`-th request (1-based) for one idempotency key. */
export type Behaviour = (n: number, res: ServerResponse) => number | 'no answer';

const answer =
  (code: number, headers: Record<string, string> = {}): Behaviour =>
  (_n, res) => {
    res.writeHead(code, headers).end();
    return code;
  };

/** The receivers of the delivery fault: two healthy, two that recover, four that never do. */
export const BEHAVIOURS: Readonly<Record<string, { behaviour: Behaviour; healthy: boolean }>> = {
  'healthy-a': { behaviour: answer(200), healthy: true },
  'healthy-b': { behaviour: answer(204), healthy: true },
  'flaky-500': { behaviour: (n, res) => (n <= 2 ? answer(500)(n, res) : answer(200)(n, res)), healthy: true },
  'throttled-429': {
    behaviour: (n, res) => (n <= 1 ? answer(429, { 'retry-after': '2' })(n, res) : answer(200)(n, res)),
    healthy: true,
  },
  'always-500': { behaviour: answer(500), healthy: false },
  hangs: { behaviour: () => 'no answer', healthy: false },
  'gone-410': { behaviour: answer(410), healthy: false },
  redirects: {
    behaviour: answer(302, { location: 'http://169.254.169.254/latest/meta-data' }),
    healthy: false,
  },
};

/** A loopback webhook receiver that records every request and answers per its behaviour. */
export class FaultyReceiver {
  readonly deliveries: Delivery[] = [];
  /** Runs when a request has been read, before it is answered (e.g. to crash the sender right then). */
  beforeAnswer: (delivery: Omit<Delivery, 'status'>) => void = () => undefined;
  private readonly seen = new Map<string, number>();

  private readonly server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => this.handle(req, Buffer.concat(chunks).toString('utf8'), res));
  });

  private constructor(
    readonly name: string,
    private readonly behaviour: Behaviour,
  ) {}

  static async start(name: string, behaviour: Behaviour): Promise<FaultyReceiver> {
    const receiver = new FaultyReceiver(name, behaviour);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${String((this.server.address() as AddressInfo).port)}/hook`;
  }

  private handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const webhookId = String(req.headers['webhook-id'] ?? '');
    const n = (this.seen.get(webhookId) ?? 0) + 1;
    this.seen.set(webhookId, n);
    let notificationId = 'unparsable';
    let alerts: string[] = [];
    try {
      const data = (JSON.parse(body) as Payload).data;
      if (typeof data?.id === 'string') notificationId = data.id;
      alerts = (data?.alerts ?? []).map(
        (a) => `${String(a.labels?.customer)}/${String(a.fingerprint)}/${String(a.status)}`,
      );
    } catch {
      // A body that is not JSON is counted under 'unparsable'.
    }
    const request = { webhookId, notificationId, alerts, at: Date.now() };
    this.beforeAnswer(request);
    this.deliveries.push({ ...request, status: this.behaviour(n, res) });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
