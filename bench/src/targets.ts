import type { BacklogPhase } from './backlog-phase.js';
import type { FanOutPhase } from './fanout-phase.js';
import type { LatencyPhase } from './latency-phase.js';
import type { MemoryPhase } from './memory-phase.js';
import type { ThroughputPhase } from './throughput-phase.js';

/** One target of the benchmark: what was measured, against what, and the verdict. */
export interface TargetResult {
  readonly id: string;
  readonly target: string;
  readonly measured: string;
  readonly status: 'pass' | 'fail' | 'inconclusive' | 'not measured';
  readonly note?: string;
}

/** The phases a run measured; a phase that did not run is absent and its targets are "not measured". */
export interface Phases {
  readonly throughput?: ThroughputPhase;
  readonly fanOut?: FanOutPhase;
  readonly latency?: LatencyPhase;
  readonly backlog?: BacklogPhase;
  readonly memory?: MemoryPhase;
}

// Shorter soaks are reported without a verdict on memory stability.
const SOAK_JUDGED_S = 300;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const verdict = (ok: boolean): 'pass' | 'fail' => (ok ? 'pass' : 'fail');
const missing = (id: string, target: string, why: string): TargetResult => ({
  id,
  target,
  measured: '-',
  status: 'not measured',
  note: why,
});

/** The larger coefficient of variation of the full engine and one variant. */
function noise(t: ThroughputPhase, variant: 'no-validation' | 'no-logging'): number {
  return Math.max(t.rates.full.cv, t.rates[variant].cv);
}

/**
 * An A/B cost: when the series vary more than the limit being judged, the difference between their
 * medians says nothing either way (a busy shared machine), and the verdict says so.
 */
function abTarget(id: string, target: string, cost: number, limit: number, cv: number): TargetResult {
  const measured = pct(cost);
  if (cv > Math.max(limit, Math.abs(cost))) {
    return { id, target, measured, status: 'inconclusive', note: `samples vary by up to ${pct(cv)} (CV)` };
  }
  return { id, target, measured, status: verdict(cost <= limit) };
}

function throughputTargets(t: ThroughputPhase | undefined): TargetResult[] {
  if (t === undefined) return [missing('throughput', 'pipeline >= 75 % of R_bare', 'phase not run')];
  const full = t.rates.full.median;
  const ratio = full / t.rates.R_bare.median;
  const validation = 1 - full / t.rates['no-validation'].median;
  const logging = 1 - full / t.rates['no-logging'].median;
  return [
    {
      id: 'throughput-1to1',
      target: '>= 75 % of R_bare (stretch 85 %)',
      measured: pct(ratio),
      status: verdict(ratio >= 0.75),
    },
    abTarget('validation-cost', '<= 10 %', validation, 0.1, noise(t, 'no-validation')),
    abTarget('logging-cost', '<= 3 %', logging, 0.03, noise(t, 'no-logging')),
    {
      id: 'round-trips-per-batch',
      target: '<= 1 Redis round trip per Kafka batch (1:1 events)',
      measured: `${t.roundTripsPerEvent.full.toFixed(2)} per event`,
      status: verdict(t.roundTripsPerEvent.full <= 1),
      note: 'batches of a pre-loaded topic hold many records, so more than one per event misses it',
    },
  ];
}

function fanOutTargets(f: FanOutPhase | undefined): TargetResult[] {
  if (f === undefined) return [missing('fan-out', 'round trips and rate', 'phase not run')];
  const rows = f.rows.flatMap((row): TargetResult[] => {
    const share = row.updatesPerSecond.median / row.referenceUpdatesPerSecond.median;
    return [
      {
        id: `fan-out-${row.customers}-round-trips`,
        target: `<= ${row.roundTripBudget} round trips`,
        measured: String(row.roundTrips),
        status: verdict(row.roundTrips <= row.roundTripBudget),
      },
      {
        id: `fan-out-${row.customers}-rate`,
        target: '>= 50 % of R_fan updates/s',
        measured: pct(share),
        status: verdict(share >= 0.5),
      },
    ];
  });
  const big = f.rows.find((r) => r.customers === 5_000);
  rows.push(
    big === undefined
      ? missing('news-5000-p99', '<= 250 ms', 'no 5,000-customer size configured')
      : {
          id: 'news-5000-p99',
          target: '<= 250 ms',
          measured: `${big.applyMs.max.toFixed(0)} ms`,
          status: verdict(big.applyMs.max <= 250),
          note: `slowest of ${big.applyMs.samples.length} items handled one at a time (p99 of so few is their max)`,
        },
  );
  rows.push({
    id: 'slowlog-5ms',
    target: 'no command of this run above 5 ms',
    measured: `${f.slowlog.ours} (of ${f.slowlog.entries} server-wide)`,
    status: verdict(f.slowlog.ours === 0),
  });
  return rows;
}

function latencyTargets(l: LatencyPhase | undefined, b: BacklogPhase | undefined): TargetResult[] {
  const out: TargetResult[] = [];
  if (l === undefined) out.push(missing('latency-p99', '<= 2 x R_bare p99 + 10 ms', 'phase not run'));
  else {
    const limit = 2 * l.bare.p99Ms + 10;
    out.push(
      {
        id: 'latency-p99',
        target: '<= 2 x R_bare p99 + 10 ms',
        measured: `${l.pipeline.p99Ms.toFixed(1)} ms vs limit ${limit.toFixed(1)} ms`,
        status: verdict(l.pipeline.p99Ms <= limit),
      },
      {
        id: 'event-loop-delay-p99',
        target: '<= 50 ms',
        measured: `${l.soak.eventLoopDelayP99Ms.toFixed(1)} ms`,
        status: verdict(l.soak.eventLoopDelayP99Ms <= 50),
      },
      {
        id: 'rss-stable',
        target: 'RSS stable over a 10-minute soak (slope <= 2 MB/min)',
        measured: `${l.soak.rssSlopeMbPerMin.toFixed(2)} MB/min over ${l.soak.seconds.toFixed(0)} s`,
        // A short soak mostly shows warm-up (JIT, pools, buffers): report the slope, judge only a long one.
        status: l.soak.seconds < SOAK_JUDGED_S ? 'not measured' : verdict(l.soak.rssSlopeMbPerMin <= 2),
        note: 'judged from a soak of 5 minutes or more: BENCH_SOAK_MS=600000',
      },
    );
  }
  out.push(
    missing(
      'alert-p99',
      'trust change -> alert request sent p99 <= 1 s',
      'services/alerter (startAlerter) is still being finished and not yet committed: timing it would time work in progress',
    ),
  );
  out.push(
    b === undefined
      ? missing('backlog-drain', '>= 1.8 x production rate', 'phase not run')
      : {
          id: 'backlog-drain',
          target: '>= 1.8 x production rate',
          measured: `${b.ratio.toFixed(2)} x`,
          status: verdict(b.ratio >= 1.8),
          note: `consumer stopped ${b.stoppedSeconds.toFixed(0)} s (plus seeding); the issue asks for 60 s: BENCH_STOP_MS=60000`,
        },
  );
  return out;
}

/** Every target of the issue with its verdict, in the order. */
export function evaluateTargets(phases: Phases): TargetResult[] {
  const m = phases.memory;
  return [
    ...throughputTargets(phases.throughput),
    ...fanOutTargets(phases.fanOut),
    ...latencyTargets(phases.latency, phases.backlog),
    m === undefined
      ? missing('memory-ratio', '<= 1.5 x bare hash', 'phase not run')
      : {
          id: 'memory-ratio',
          target: '<= 1.5 x bare hash',
          measured: `${m.ratio.toFixed(2)} x`,
          status: verdict(m.ratio <= 1.5),
        },
  ];
}
