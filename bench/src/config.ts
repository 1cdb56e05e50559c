import { loadConfig, type Env } from '@trustwatch/config';
import { z } from 'zod';

const count = (fallback: number, max: number) =>
  z.coerce.number().int().positive().max(max).default(fallback);

/**
 * The benchmark's variables. Defaults are the "default run": sized so that `npm run bench` finishes in
 * about nine minutes on a 2-core machine shared with a broker and a Redis (see README.md for why).
 */
export function benchSection() {
  return z
    .object({
      BENCH_KAFKA_BROKERS: z.string().min(1).default('127.0.0.1:19092'),
      BENCH_REDIS_URL: z
        .string()
        .regex(/^rediss?:\/\//)
        .default('redis://127.0.0.1:16379'),
      // 5,000 customers is the smallest portfolio with a 5,000-customer news item.
      BENCH_CUSTOMERS: count(5_000, 1_000_000),
      BENCH_ASSETS_PER_CUSTOMER: count(4, 1_000),
      BENCH_EVENTS: count(1_000, 10_000_000),
      BENCH_MIXED_EVENTS: count(500, 10_000_000),
      BENCH_REPETITIONS: count(5, 50),
      BENCH_LATENCY_MS: count(8_000, 3_600_000),
      BENCH_SOAK_MS: count(15_000, 3_600_000),
      BENCH_STOP_MS: count(10_000, 600_000),
      BENCH_ALERT_MS: count(10_000, 3_600_000),
      // The alerter's shipped dispatcher cadence first (the one judged), then a shorter one for contrast.
      BENCH_ALERT_TICKS_MS: z
        .string()
        .regex(/^\d+(,\d+)*$/)
        .default('1000,100'),
      BENCH_FAN_OUT: z
        .string()
        .regex(/^\d+(,\d+)*$/)
        .default('1,100,1000,5000'),
      BENCH_VENDOR_TOOLS: z.enum(['on', 'off']).default('on'),
      BENCH_KAFKA_LIBS: z.string().min(1).default('infra/kafka/.kafka/libs'),
      BENCH_RESULTS_DIR: z.string().min(1).default('bench/results'),
      // Partitions one engine handles at once (the engine's default when unset); the fan-out phase uses 1.
      BENCH_CONCURRENT_PARTITIONS: z.coerce.number().int().min(1).max(64).optional(),
    })
    .transform((env) => ({
      kafkaBrokers: env.BENCH_KAFKA_BROKERS.split(',').map((b) => b.trim()),
      redisUrl: env.BENCH_REDIS_URL,
      customers: env.BENCH_CUSTOMERS,
      assetsPerCustomer: env.BENCH_ASSETS_PER_CUSTOMER,
      events: env.BENCH_EVENTS,
      mixedEvents: env.BENCH_MIXED_EVENTS,
      repetitions: env.BENCH_REPETITIONS,
      latencyMs: env.BENCH_LATENCY_MS,
      soakMs: env.BENCH_SOAK_MS,
      stopMs: env.BENCH_STOP_MS,
      alertMs: env.BENCH_ALERT_MS,
      alertTicksMs: env.BENCH_ALERT_TICKS_MS.split(',').map(Number),
      fanOut: env.BENCH_FAN_OUT.split(',').map(Number),
      vendorTools: env.BENCH_VENDOR_TOOLS === 'on',
      kafkaLibs: env.BENCH_KAFKA_LIBS,
      resultsDir: env.BENCH_RESULTS_DIR,
      ...(env.BENCH_CONCURRENT_PARTITIONS === undefined
        ? {}
        : { concurrentPartitions: env.BENCH_CONCURRENT_PARTITIONS }),
    }));
}

/** Everything a bench run is parameterised by; the smoke test builds a tiny one by hand. */
export type BenchConfig = z.output<ReturnType<typeof benchSection>>;

/** Validates the environment once (defaults: the shared local broker and Redis, the default run). */
export function loadBenchConfig(env: Env = process.env): BenchConfig {
  return loadConfig({ bench: benchSection() }, env).bench as BenchConfig;
}
