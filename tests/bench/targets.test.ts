import { describe, expect, it } from 'vitest';
import { series } from '../../bench/src/stats.js';
import { evaluateTargets } from '../../bench/src/targets.js';
import type { ThroughputPhase } from '../../bench/src/throughput-phase.js';

function throughput(
  full: number,
  bare: number,
  noValidation: number,
  noLogging: number,
  spread = 0,
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
      full: 0.01,
      'no-validation': 0.01,
      'no-logging': 0.01,
      R_bare: 0.01,
      R_redis: 0.002,
    },
    fullEngineMs: { wall: 1, handler: 0.5, publish: 0.1 },
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

  it('reports phases that did not run, and the alert latency, as not measured rather than passed', () => {
    const targets = evaluateTargets({});
    expect(targets.find((t) => t.id === 'alert-p99')?.status).toBe('not measured');
    expect(targets.every((t) => t.status === 'not measured')).toBe(true);
  });
});
