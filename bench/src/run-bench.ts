import { connectRedis } from '@trustwatch/store';
import { runAlertPhase } from './alert-phase.js';
import { runBacklogPhase } from './backlog-phase.js';
import type { BenchConfig } from './config.js';
import { createBenchContext, type BenchContext } from './context.js';
import { describeEnvironment } from './environment.js';
import { runFanOutPhase } from './fanout-phase.js';
import { runGatePhase } from './gate-phase.js';
import { runLatencyPhase } from './latency-phase.js';
import { runMemoryPhase } from './memory-phase.js';
import type { PortfolioShape } from './portfolio.js';
import type { BenchResult } from './report.js';
import { notesOf } from './notes.js';
import { closeBenchRun } from './run-end.js';
import { evaluateTargets, type Phases } from './targets.js';
import { runThroughputPhase } from './throughput-phase.js';
import { runVendorTools, type VendorFigures } from './vendor-tools.js';

async function phasesOf(ctx: BenchContext, shape: PortfolioShape): Promise<Phases> {
  const step = (name: string) => ctx.log.info({ phase: name }, 'bench phase');
  step('throughput');
  const throughput = await runThroughputPhase(ctx, shape);
  step('fan-out');
  const fanOut = await runFanOutPhase(ctx, shape);
  const rate = Math.max(1, throughput.rates.full.median / 2);
  step('latency and soak');
  const latency = await runLatencyPhase(ctx, shape, rate);
  step('alert');
  const alert = await runAlertPhase(ctx, latency.perSecond);
  step('backlog');
  const backlog = await runBacklogPhase(ctx, shape, rate);
  step('memory');
  const memory = await runMemoryPhase(ctx, shape);
  return { throughput, fanOut, latency, alert, backlog, memory };
}

/**
 * One benchmark run: the correctness gate first (numbers count only if it passes), then throughput,
 * fan-out, latency and soak, trust change to alert, backlog, memory and the vendors' tools. Topics and keys are deleted at the
 * end whatever happens.
 */
export async function runBench(config: BenchConfig): Promise<BenchResult> {
  const startedAt = new Date().toISOString();
  const ctx = await createBenchContext(config);
  const admin = await connectRedis({ url: config.redisUrl });
  const shape: PortfolioShape = {
    customers: config.customers,
    assetsPerCustomer: config.assetsPerCustomer,
    fanOut: config.fanOut,
  };
  try {
    const environment = await describeEnvironment(ctx, admin);
    ctx.log.info({ phase: 'gate', tag: ctx.tag }, 'bench phase');
    const { gate } = await runGatePhase(ctx, shape, config.mixedEvents);
    const phases = gate.passed ? await phasesOf(ctx, shape) : {};
    let vendor: VendorFigures | undefined;
    if (gate.passed && config.vendorTools) vendor = await runVendorTools(ctx);
    const finished = await describeEnvironment(ctx, admin);
    return {
      startedAt,
      finishedAt: new Date().toISOString(),
      config: { ...config },
      environment: { ...environment, loadAverage: [...environment.loadAverage, ...finished.loadAverage] },
      gate,
      phases,
      ...(vendor === undefined ? {} : { vendor }),
      targets: gate.passed ? evaluateTargets(phases) : [],
      notes: gate.passed
        ? notesOf(phases)
        : ['The correctness gate failed: no figure of this run counts.', ...notesOf(phases)],
    };
  } finally {
    await admin.quit();
    await closeBenchRun(ctx);
  }
}
