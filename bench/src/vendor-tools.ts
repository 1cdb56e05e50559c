import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { BenchContext } from './context.js';
import { loadTopics } from './kafka-link.js';

const run = promisify(execFile);

/** The vendors' own figures for the substrate on this machine now, or why they are missing. */
export interface VendorFigures {
  /** redis-benchmark SET on a key of this run, requests/s: unpipelined and 16 per pipeline. */
  readonly redisSetPerSecond:
    { readonly p1: number; readonly p16: number } | { readonly notMeasured: string };
  /** Kafka's ProducerPerformance, 600-byte records, acks=all: records/s and average latency. */
  readonly kafkaProducer:
    { readonly recordsPerSecond: number; readonly avgLatencyMs: number } | { readonly notMeasured: string };
}

function hostPort(url: string): [string, string] {
  const parsed = new URL(url);
  return [parsed.hostname, parsed.port || '6379'];
}

async function redisBenchmark(ctx: BenchContext, pipeline: number): Promise<number> {
  const [host, port] = hostPort(ctx.config.redisUrl);
  // A custom command on a key under this run's prefix: the default test keys would land outside it.
  const key = `${ctx.tag}-vendor:rb`;
  const args = [
    '-h',
    host,
    '-p',
    port,
    '-n',
    '20000',
    '-P',
    String(pipeline),
    '-q',
    '--csv',
    'SET',
    key,
    'v',
  ];
  const { stdout } = await run('redis-benchmark', args, { timeout: 60_000 });
  await run('redis-cli', ['-h', host, '-p', port, 'UNLINK', key], { timeout: 10_000 });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return Number(line.split(',')[1]?.replaceAll('"', ''));
}

async function producerPerformance(
  ctx: BenchContext,
): Promise<{ recordsPerSecond: number; avgLatencyMs: number }> {
  const loaded = await loadTopics(ctx, 'vendor', new Map());
  const libs = resolve(ctx.config.kafkaLibs);
  const args = [
    '-Xmx256m',
    '-cp',
    `${libs}/*`,
    'org.apache.kafka.tools.ProducerPerformance',
    '--topic',
    `${loaded.namespace}trust.changed`,
    '--num-records',
    '50000',
    '--record-size',
    '600',
    '--throughput',
    '-1',
    '--producer-props',
    `bootstrap.servers=${ctx.config.kafkaBrokers.join(',')}`,
    'acks=all',
  ];
  const { stdout } = await run('java', args, { timeout: 120_000 });
  // Last line: "50000 records sent, 41000.0 records/sec (23.4 MB/sec), 210.5 ms avg latency, ..."
  const summary = stdout.trim().split('\n').at(-1) ?? '';
  const rate = /([\d.]+) records\/sec/.exec(summary)?.[1];
  const latency = /([\d.]+) ms avg latency/.exec(summary)?.[1];
  return { recordsPerSecond: Number(rate), avgLatencyMs: Number(latency) };
}

function why(error: unknown): { notMeasured: string } {
  return { notMeasured: error instanceof Error ? (error.message.split('\n')[0] ?? 'failed') : String(error) };
}

/** Runs each vendor tool once when it is installed; a missing or failing tool is reported, not fatal. */
export async function runVendorTools(ctx: BenchContext): Promise<VendorFigures> {
  const redisSetPerSecond = await (async () => {
    try {
      return { p1: await redisBenchmark(ctx, 1), p16: await redisBenchmark(ctx, 16) };
    } catch (error) {
      return why(error);
    }
  })();
  const kafkaProducer = await (async () => {
    if (!existsSync(resolve(ctx.config.kafkaLibs)))
      return { notMeasured: `no Kafka jars in ${ctx.config.kafkaLibs}` };
    try {
      return await producerPerformance(ctx);
    } catch (error) {
      return why(error);
    }
  })();
  return { redisSetPerSecond, kafkaProducer };
}
