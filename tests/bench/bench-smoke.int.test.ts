import { integrationTargets } from '@trustwatch/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBenchContext,
  closeBenchRun,
  runAlertPhase,
  runGatePhase,
  smokeConfig,
  type BenchContext,
} from '../../bench/src/index.js';

describe('bench smoke configuration', () => {
  let ctx: BenchContext;

  beforeAll(async () => {
    const { kafkaBrokers, redisUrl } = integrationTargets();
    ctx = await createBenchContext(smokeConfig(kafkaBrokers, redisUrl));
  });

  afterAll(async () => {
    await closeBenchRun(ctx);
  });

  it('ends the realistic mix on Kafka and Redis in the in-memory oracle state with nothing dead-lettered', async () => {
    const shape = {
      customers: ctx.config.customers,
      assetsPerCustomer: ctx.config.assetsPerCustomer,
      fanOut: ctx.config.fanOut,
    };
    const { gate } = await runGatePhase(ctx, shape, ctx.config.mixedEvents);
    expect(gate.mismatches).toEqual([]);
    expect(gate.deadLettered).toBe(0);
    expect(gate.handled).toBe(gate.expected);
    expect(gate.customersCompared).toBe(shape.customers);
    expect(gate.passed).toBe(true);
  });

  it('delivers one webhook request for every qualifying trust change through the real alerter', async () => {
    const { runs } = await runAlertPhase(ctx, 20);
    const [run] = runs;
    expect(run?.sent).toBeGreaterThan(0);
    expect(run?.arrived).toBe(run?.sent);
    expect(run?.duplicates).toBe(0);
    expect(run?.latency.count).toBe(run?.sent);
  });
});
