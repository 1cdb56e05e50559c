import { describe, expect, it } from 'vitest';
import { loadBenchConfig } from '../../bench/src/config.js';

describe('bench config', () => {
  it("leaves the partitions handled at once to the engine's default unless BENCH_CONCURRENT_PARTITIONS says", () => {
    expect(loadBenchConfig({}).concurrentPartitions).toBeUndefined();
    expect(loadBenchConfig({ BENCH_CONCURRENT_PARTITIONS: '1' }).concurrentPartitions).toBe(1);
    expect(() => loadBenchConfig({ BENCH_CONCURRENT_PARTITIONS: '0' })).toThrow(
      /BENCH_CONCURRENT_PARTITIONS/,
    );
  });
});
