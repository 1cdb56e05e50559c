import { benchSection, type BenchConfig } from './config.js';

/**
 * The CI configuration: the default code paths on a portfolio small enough to seed in a second, with
 * every timing phase sized down. Only the correctness gate is asserted on it.
 */
export function smokeConfig(kafkaBrokers: readonly string[], redisUrl: string): BenchConfig {
  const base = benchSection().parse({});
  return {
    ...base,
    kafkaBrokers: [...kafkaBrokers],
    redisUrl,
    customers: 120,
    assetsPerCustomer: 2,
    events: 150,
    mixedEvents: 150,
    repetitions: 1,
    fanOut: [1, 100],
    alertMs: 2_000,
    alertTicksMs: [100],
    vendorTools: false,
  };
}
