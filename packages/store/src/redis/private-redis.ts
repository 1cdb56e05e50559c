import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** Options of a private test server; the defaults match the brief of a throwaway cache-only server. */
export interface PrivateRedisOptions {
  /** Keep an AOF in the server's own temporary folder, so data survives a kill and restart. */
  readonly appendonly?: boolean;
  /** `always` makes a SIGKILL lose nothing, so a test can state exactly what survived. */
  readonly appendfsync?: 'always' | 'everysec';
  /** Extra `--name value` pairs, e.g. `['maxmemory-policy', 'allkeys-lru']`. */
  readonly config?: readonly (readonly [string, string])[];
}

/** A `redis-server` child process on a free loopback port, owned by one test file. */
export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  /** Process id of the current server process (changes on restart). */
  pid(): number;
  /** Sends a signal to the current server process: SIGSTOP/SIGCONT freeze it without closing sockets. */
  signal(signal: NodeJS.Signals): void;
  /** SIGKILL (a crash: no shutdown, no final fsync) and wait until the process is gone. */
  crash(): Promise<void>;
  /** Starts the server again on the same port and data folder, resolving once it answers PING. */
  start(): Promise<void>;
  /** Kills the server and removes its data folder. */
  stop(): Promise<void>;
}

/** A port the kernel just handed out; free again once the probe socket closes. */
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

/** Polls PING with a plain client (no retries) until the server answers or the deadline passes. */
async function waitForPing(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${String(child.exitCode)}`);
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return;
    } catch {
      if (Date.now() > until) throw new Error(`redis-server on ${url} did not answer PING in time`);
    } finally {
      probe.disconnect();
    }
    await sleep(25);
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts a private `redis-server` for tests that must flush, freeze, crash or restart a server, which
 * the shared integration Redis must never suffer. Loopback only, no RDB snapshots, its own data folder.
 */
export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'tw-private-redis-'));
  const url = `redis://127.0.0.1:${String(port)}`;
  const args = [
    ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir],
    ...['--appendonly', options.appendonly === true ? 'yes' : 'no'],
    ...['--appendfsync', options.appendfsync ?? 'everysec'],
    ...(options.config ?? []).flatMap(([name, value]) => [`--${name}`, value]),
  ];
  let child: ChildProcess | undefined;

  const current = (): ChildProcess => {
    if (child === undefined) throw new Error('private redis-server is not running');
    return child;
  };

  const start = async (): Promise<void> => {
    const spawned = spawn('redis-server', args, { stdio: 'ignore' });
    child = spawned;
    const failed = new Promise<never>((_, reject) => spawned.once('error', reject));
    await Promise.race([waitForPing(url, spawned, 10_000), failed]);
  };

  await start();
  return {
    url,
    port,
    pid: () => current().pid ?? -1,
    signal: (signal) => {
      current().kill(signal);
    },
    async crash() {
      const running = current();
      running.kill('SIGKILL');
      await exited(running);
    },
    start,
    async stop() {
      if (child !== undefined) {
        child.kill('SIGKILL');
        await exited(child);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
