import { describe, expect, it } from 'vitest';
import { series } from '../../bench/src/stats.js';
import { evaluateTargets } from '../../bench/src/targets.js';
import type { ThroughputPhase } from '../../bench/src/throughput-phase.js';

const NO_BATCH_PATH = { roundTripsPerBatch: Number.NaN, eventsPerBatch: Number.NaN, eventsOneAtATime: 1000 };

function throughput(
  full: number,
  bare: number,
  noValidation: number,
  noLogging: number,
  spread = 0,
  batches: ThroughputPhase['fullEngineBatches'] = NO_BATCH_PATH,
  perEvent = 0.01,
): ThroughputPhase {
  const s = (x: number) => series([x * (1 - spread), x, x * (1 + spread)]);
  return {
    events: 1000,
    rates: {
      R_consume: s(5000),
      R_redis: s(40000),
      R_bare: s(bare),
      full: s(full),
      'no-validation': s(noValidation),
      'no-logging': s(noLogging),
    },
    repeated: [],
    roundTripsPerEvent: {
      full: perEvent,
      'no-validation': 0.01,
      'no-logging': 0.01,
      R_bare: 0.01,
      R_redis: 0.002,
    },
    fullEngineMs: { wall: 1, handler: 0.5, publish: 0.1 },
    fullEngineBatches: batches,
    batchPath: { full: false, 'no-validation': false, 'no-logging': false },
  };
}

const status = (id: string, phase: ThroughputPhase) =>
  evaluateTargets({ throughput: phase }).find((t) => t.id === id)?.status;

describe('benchmark targets', () => {
  it('passes 1:1 throughput at 80 % of R_bare and fails it at 70 %', () => {
    expect(status('throughput-1to1', throughput(800, 1000, 800, 800))).toBe('pass');
    expect(status('throughput-1to1', throughput(700, 1000, 700, 700))).toBe('fail');
  });

  it('charges validation with the throughput the engine gains without it', () => {
    expect(status('validation-cost', throughput(910, 1000, 1000, 910))).toBe('pass');
    expect(status('validation-cost', throughput(850, 1000, 1000, 850))).toBe('fail');
  });

  it('holds logging to 3 % of throughput', () => {
    expect(status('logging-cost', throughput(980, 1000, 980, 1000))).toBe('pass');
    expect(status('logging-cost', throughput(950, 1000, 950, 1000))).toBe('fail');
  });

  it('calls an A/B cost inconclusive when the samples vary more than the difference being judged', () => {
    expect(status('logging-cost', throughput(900, 1000, 900, 1000, 0.3))).toBe('inconclusive');
    expect(status('validation-cost', throughput(850, 1000, 1000, 850, 0.3))).toBe('inconclusive');
  });

  it('reports phases that did not run as not measured rather than passed', () => {
    const targets = evaluateTargets({});
    expect(targets.find((t) => t.id === 'alert-p99')?.status).toBe('not measured');
    expect(targets.every((t) => t.status === 'not measured')).toBe(true);
  });

  it('calls an A/B cost inconclusive when the two variants were handed their events differently', () => {
    const phase = {
      ...throughput(850, 1000, 1000, 850),
      batchPath: { full: true, 'no-validation': false, 'no-logging': true },
    };
    const validation = evaluateTargets({ throughput: phase }).find((t) => t.id === 'validation-cost');
    expect(validation?.status).toBe('inconclusive');
    expect(validation?.note).toContain('not an A/B');
    expect(status('logging-cost', phase)).toBe('pass');
  });

  it('judges round trips per batch the engine saw, not per event', () => {
    const batched = (perBatch: number) =>
      throughput(800, 1000, 800, 800, 0, {
        roundTripsPerBatch: perBatch,
        eventsPerBatch: 40,
        eventsOneAtATime: 0,
      });
    expect(status('round-trips-per-batch', batched(1))).toBe('pass');
    expect(status('round-trips-per-batch', batched(2.5))).toBe('fail');
  });

  it('fails round trips per batch without a batch path once an event alone takes more than one', () => {
    const perEvent = (rt: number) => throughput(800, 1000, 800, 800, 0, NO_BATCH_PATH, rt);
    expect(status('round-trips-per-batch', perEvent(3.1))).toBe('fail');
    expect(status('round-trips-per-batch', perEvent(0.5))).toBe('not measured');
  });

  it('judges alert latency on the shipped tick and fails it when an alert never arrived', () => {
    const run = (tickMs: number, p99Ms: number, arrived = 100) => ({
      tickMs,
      sent: 100,
      arrived,
      duplicates: 0,
      atProductionEnd: { applied: 100, notified: 80, delivered: 80 },
      latency: { count: arrived, p50Ms: p99Ms / 2, p99Ms, maxMs: p99Ms },
    });
    const alert = (...runs: ReturnType<typeof run>[]) =>
      evaluateTargets({
        alert: { perSecond: 50, routing: 'test', receiverRatePerSec: 1000, runs },
      }).find((t) => t.id === 'alert-p99')?.status;
    expect(alert(run(1000, 900), run(100, 2000))).toBe('pass');
    expect(alert(run(1000, 1100), run(100, 200))).toBe('fail');
    expect(alert(run(1000, 500, 99))).toBe('fail');
  });

  it('judges RSS stability only on a soak of five minutes or more', () => {
    const soak = (seconds: number, slope: number) => ({
      perSecond: 50,
      pipeline: { count: 1, p50Ms: 1, p99Ms: 1, maxMs: 1 },
      unhandled: 0,
      bare: { count: 1, p50Ms: 1, p99Ms: 1, maxMs: 1 },
      soak: {
        rssStartMb: 200,
        rssEndMb: 210,
        rssWarmMb: 205,
        rssMaxMb: 212,
        warmUpSeconds: 60,
        rssSlopeMbPerMin: slope,
        eventLoopDelayP99Ms: 10,
        seconds,
      },
    });
    const rss = (seconds: number, slope: number) =>
      evaluateTargets({ latency: soak(seconds, slope) }).find((t) => t.id === 'rss-stable')?.status;
    expect(rss(600, 0.5)).toBe('pass');
    expect(rss(600, 5)).toBe('fail');
    expect(rss(16, 0.5)).toBe('not measured');
  });

  it('fails the latency target when the engine left events unhandled, whatever the p99 of the rest', () => {
    const latency = (unhandled: number) => ({
      perSecond: 50,
      pipeline: { count: 100, p50Ms: 1, p99Ms: 5, maxMs: 9 },
      unhandled,
      bare: { count: 100, p50Ms: 1, p99Ms: 5, maxMs: 9 },
      soak: {
        rssStartMb: 200,
        rssEndMb: 200,
        rssWarmMb: 200,
        rssMaxMb: 200,
        rssSlopeMbPerMin: 0,
        warmUpSeconds: 60,
        eventLoopDelayP99Ms: 10,
        seconds: 600,
      },
    });
    const judged = (unhandled: number) =>
      evaluateTargets({ latency: latency(unhandled) }).find((t) => t.id === 'latency-p99')?.status;
    expect(judged(0)).toBe('pass');
    expect(judged(3)).toBe('fail');
  });
});
