import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './harness.js';

/**
 * A private `redis-server` that persists by RDB snapshot only (`appendonly no`, no automatic saves): a
 * test decides exactly what survives a crash by calling `save()` before `crash()`. The shared
 * integration Redis must never be killed, hence a child process of the test's own on a free port.
 * Adapted from packages/store/src/redis/private-redis.ts, talking RESP over a socket instead of ioredis
 * (only the store may import ioredis).
 */
export interface SnapshotRedis {
  readonly url: string;
  /** Synchronous `SAVE`: the data set as of now is what a restart loads. */
  save(): Promise<void>;
  /** SIGKILL: no shutdown, no final save. Resolves once the process is gone. */
  crash(): Promise<void>;
  /** Starts the server again on the same port and folder (loading the last snapshot); resolves on PING. */
  start(): Promise<void>;
  /** Kills the server and removes its folder. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Sends one command and resolves with the first reply line (`+OK`, `+PONG`, `-ERR ...`). */
function command(port: number, args: readonly string[]): Promise<string> {
  const request = `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    socket.once('error', reject);
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      const end = reply.indexOf('\r\n');
      if (end < 0) return;
      socket.destroy();
      resolve(reply.slice(0, end));
    });
    socket.write(request);
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startSnapshotRedis(): Promise<SnapshotRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'tw-engine-redis-'));
  const args = [
    ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
    ...['--appendonly', 'no', '--save', '', '--maxmemory-policy', 'noeviction'],
  ];
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const spawned = spawn('redis-server', args, { stdio: 'ignore' });
    child = spawned;
    let failure: Error | undefined;
    spawned.once('error', (error) => (failure = error));
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (failure !== undefined) throw failure;
      if (spawned.exitCode !== null) throw new Error(`redis-server exited with ${String(spawned.exitCode)}`);
      if ((await command(port, ['PING']).catch(() => '')) === '+PONG') return;
      if (Date.now() > deadline) throw new Error(`redis-server on port ${String(port)} did not answer PING`);
      await sleep(25);
    }
  };
  const kill = async (): Promise<void> => {
    if (child === undefined) return;
    child.kill('SIGKILL');
    await exited(child);
  };

  await start();
  return {
    url: `redis://127.0.0.1:${String(port)}`,
    async save() {
      const reply = await command(port, ['SAVE']);
      if (reply !== '+OK') throw new Error(`SAVE failed: ${reply}`);
    },
    crash: kill,
    start,
    async stop() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
