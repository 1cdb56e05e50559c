import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import type { BenchContext } from './context.js';
import type { RedisClient } from './redis-link.js';

/** What the numbers were measured on: versions, machine, commit. */
export interface Environment {
  readonly node: string;
  readonly platform: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGb: number;
  readonly loadAverage: readonly number[];
  readonly commit: string;
  readonly dirty: boolean;
  readonly versions: Readonly<Record<string, string>>;
}

function packageVersion(name: string): string {
  try {
    const json = JSON.parse(readFileSync(resolve('node_modules', name, 'package.json'), 'utf8')) as {
      version?: string;
    };
    return json.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function kafkaVersion(libs: string): string {
  try {
    const jar = readdirSync(libs).find((name) => /^kafka-clients-[\d.]+\.jar$/.test(name));
    return jar?.slice('kafka-clients-'.length, -'.jar'.length) ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Reads versions (libraries, Redis server, Kafka jars), machine facts and the checked-out commit. */
export async function describeEnvironment(ctx: BenchContext, redis: RedisClient): Promise<Environment> {
  const info = await redis.info('server');
  const redisVersion = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1e8) / 10,
    loadAverage: loadavg().map((v) => Math.round(v * 100) / 100),
    commit: git(['rev-parse', 'HEAD']),
    // --no-optional-locks: reading the status must not rewrite the index other engineers' tools share.
    dirty: git(['--no-optional-locks', 'status', '--porcelain']) !== '',
    versions: {
      kafkajs: packageVersion('kafkajs'),
      ioredis: packageVersion('ioredis'),
      zod: packageVersion('zod'),
      pino: packageVersion('pino'),
      redisServer: redisVersion,
      kafkaBroker: kafkaVersion(resolve(ctx.config.kafkaLibs)),
    },
  };
}
