import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { HostPort } from './addresses.js';
import { redisHostPort } from './addresses.js';

/** The outcome of one probe: whether the service answered as expected, and if not, why. */
export type ProbeResult = { ok: true } | { ok: false; reason: string };

const CORRELATION_ID = 0x7457; // arbitrary; the answer must echo it

// Metadata v0 with an empty topic list: every Kafka version still answers it with the live brokers.
function metadataRequest(): Buffer {
  const clientId = Buffer.from('trustwatch-probe');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4);
  let offset = body.writeInt16BE(3, 0); // api key 3: Metadata
  offset = body.writeInt16BE(0, offset); // api version 0
  offset = body.writeInt32BE(CORRELATION_ID, offset);
  offset = body.writeInt16BE(clientId.length, offset);
  offset += clientId.copy(body, offset);
  body.writeInt32BE(0, offset);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

/**
 * Opens a socket, writes `request`, and feeds the bytes received to `judge` until it returns a result,
 * the peer closes, or `timeoutMs` passes. The socket is always destroyed.
 */
function exchange(
  open: () => Socket,
  request: Buffer,
  judge: (received: Buffer) => ProbeResult | undefined,
  timeoutMs: number,
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = open();
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => finish({ ok: false, reason: `no answer within ${timeoutMs} ms` }));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, reason: error.code ?? error.message }),
    );
    socket.on('close', () => finish({ ok: false, reason: 'connection closed before an answer' }));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const verdict = judge(received);
      if (verdict !== undefined) finish(verdict);
    });
    socket.write(request);
  });
}

/** Asks a Kafka broker for metadata over raw TCP; ok when it answers and lists at least one broker. */
export function probeKafka(target: HostPort, timeoutMs = 3000): Promise<ProbeResult> {
  return exchange(
    () => connectTcp({ host: target.host, port: target.port }),
    metadataRequest(),
    (received) => {
      if (received.length < 12) return undefined;
      if (received.readInt32BE(4) !== CORRELATION_ID)
        return { ok: false, reason: 'not a Kafka metadata answer' };
      const brokers = received.readInt32BE(8);
      return brokers >= 1 ? { ok: true } : { ok: false, reason: 'metadata lists no live broker' };
    },
    timeoutMs,
  );
}

function resp(...args: string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}

/**
 * Sends PING (after AUTH when the URL carries credentials) over raw TCP or TLS; ok on `+PONG`.
 * Error replies are reported by their code only (`NOAUTH`, `WRONGPASS`), never with the credentials.
 */
export function probeRedis(url: string, timeoutMs = 3000): Promise<ProbeResult> {
  const target = redisHostPort(url);
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  const username = decodeURIComponent(parsed.username);
  const auth =
    password === '' ? '' : username === '' ? resp('AUTH', password) : resp('AUTH', username, password);
  const open = () =>
    target.tls
      ? connectTls({ host: target.host, port: target.port, servername: target.host })
      : connectTcp({ host: target.host, port: target.port });
  return exchange(
    open,
    Buffer.from(auth + resp('PING')),
    (received) => {
      const text = received.toString('latin1');
      const error = /^-(\S+)/m.exec(text);
      if (error?.[1] !== undefined) return { ok: false, reason: `Redis replied with error ${error[1]}` };
      return text.includes('+PONG\r\n') ? { ok: true } : undefined;
    },
    timeoutMs,
  );
}

/** Repeats a probe until it succeeds or `waitMs` passes; returns the last result. */
export async function probeUntil(probe: () => Promise<ProbeResult>, waitMs: number): Promise<ProbeResult> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const result = await probe();
    if (result.ok || Date.now() >= deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
