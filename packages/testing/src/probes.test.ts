import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeKafka, probeRedis } from './probes.js';

const servers: Server[] = [];

async function serve(onData: (socket: Socket, data: Buffer) => void): Promise<number> {
  const server = createServer((socket) => socket.on('data', (data) => onData(socket, data)));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('probes', () => {
  it('reports a refused connection instead of hanging', async () => {
    const port = await closedPort();
    expect(await probeKafka({ host: '127.0.0.1', port }, 1000)).toEqual({
      ok: false,
      reason: 'ECONNREFUSED',
    });
    expect(await probeRedis(`redis://127.0.0.1:${port}`, 1000)).toEqual({
      ok: false,
      reason: 'ECONNREFUSED',
    });
  });

  it('does not take a Redis server for a Kafka broker', async () => {
    const port = await serve((socket) => socket.write('-ERR unknown command\r\n'));
    expect((await probeKafka({ host: '127.0.0.1', port }, 1000)).ok).toBe(false);
  });

  it('times out on a server that never answers', async () => {
    const port = await serve(() => undefined);
    expect(await probeRedis(`redis://127.0.0.1:${port}`, 300)).toEqual({
      ok: false,
      reason: 'no answer within 300 ms',
    });
  });

  it('authenticates before PING and reports a rejected password by code only', async () => {
    const received: string[] = [];
    const port = await serve((socket, data) => {
      received.push(data.toString());
      socket.write('-WRONGPASS invalid username-password pair\r\n');
    });
    const result = await probeRedis(`redis://app:s3cret@127.0.0.1:${port}`, 1000);
    expect(result).toEqual({ ok: false, reason: 'Redis replied with error WRONGPASS' });
    expect(received.join('')).toContain('*3\r\n$4\r\nAUTH\r\n$3\r\napp\r\n$6\r\ns3cret\r\n');
  });
});
