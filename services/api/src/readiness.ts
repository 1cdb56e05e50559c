import { connect } from 'node:net';

/**
 * True when a TCP connection to `host:port` opens within `timeoutMs`: the API reads no topic itself,
 * so "Kafka reachable" means a broker accepts connections.
 */
export function tcpReachable(hostPort: string, timeoutMs = 1000): Promise<boolean> {
  const at = hostPort.lastIndexOf(':');
  const host = hostPort.slice(0, at).replace(/^\[|\]$/g, '');
  const port = Number(hostPort.slice(at + 1));
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when any of the brokers accepts a connection. */
export async function anyReachable(hostPorts: readonly string[], timeoutMs = 1000): Promise<boolean> {
  const results = await Promise.all(hostPorts.map((hp) => tcpReachable(hp, timeoutMs)));
  return results.some(Boolean);
}
