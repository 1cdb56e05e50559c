import type { ChildProcess } from 'node:child_process';
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeRedis } from '@trustwatch/testing';
import { CHILD_PATH } from '../config.js';
import { freePort, killHard, spawnServer } from './processes.js';
import { sleep } from './wait.js';

/**
 * A `redis-server` of the suite's own on a free loopback port: AOF `everysec` (the production setting)
 * and `noeviction`, so a fault may freeze, crash or restart it without touching the shared server.
 * Modelled on packages/store/src/redis/private-redis.ts; only the store may import ioredis, so readiness
 * is probed with @trustwatch/testing's PING probe. The AOF is plain RESP (no RDB preamble), so every
 * value ever written can be scanned for planted secrets.
 */
export class PrivateRedis {
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly password: string | undefined,
  ) {}

  /** Starts a server; with `password`, clients must AUTH (the URL then carries it). */
  static async start(password?: string): Promise<PrivateRedis> {
    const dir = await mkdtemp(join(tmpdir(), 'tw-faults-redis-'));
    const redis = new PrivateRedis(await freePort(), dir, password);
    await redis.restart();
    return redis;
  }

  get url(): string {
    const auth = this.password === undefined ? '' : `:${encodeURIComponent(this.password)}@`;
    return `redis://${auth}127.0.0.1:${String(this.port)}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the server (again) on the same port and folder, loading its AOF; resolves on PING. */
  async restart(): Promise<void> {
    const args = [
      ...['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', ''],
      ...['--appendonly', 'yes', '--appendfsync', 'everysec', '--aof-use-rdb-preamble', 'no'],
      ...['--maxmemory-policy', 'noeviction'],
      ...(this.password === undefined ? [] : ['--requirepass', this.password]),
    ];
    const { child, tail } = spawnServer('redis-server', args, { PATH: CHILD_PATH });
    this.child = child;
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`redis-server exited:\n${tail()}`);
      if ((await probeRedis(this.url, 500)).ok) return;
      if (Date.now() > deadline) throw new Error(`redis-server on ${this.url} did not answer:\n${tail()}`);
      await sleep(25);
    }
  }

  /** kill -9: no shutdown, no final fsync (AOF everysec may lose up to about a second of writes). */
  async crash(): Promise<void> {
    await killHard(this.child);
  }

  /** SIGSTOP / SIGCONT: the server freezes with its sockets open, as a hung or partitioned Redis does. */
  signal(signal: 'SIGSTOP' | 'SIGCONT'): void {
    this.child?.kill(signal);
  }

  /** Every byte of the append-only files: all writes the server ever accepted, overwritten ones too. */
  async appendOnlyBytes(): Promise<Buffer> {
    const dir = join(this.dir, 'appendonlydir');
    const files = await readdir(dir);
    return Buffer.concat(await Promise.all(files.map((f) => readFile(join(dir, f)))));
  }

  async stop(): Promise<void> {
    this.signal('SIGCONT');
    await killHard(this.child);
    await rm(this.dir, { recursive: true, force: true });
  }
}
