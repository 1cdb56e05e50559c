import { connectRedis } from '@trustwatch/store';
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
import { closeBenchRun } from './run-end.js';
import { evaluateTargets, type Phases } from './targets.js';
import { runThroughputPhase } from './throughput-phase.js';
import { runVendorTools, type VendorFigures } from './vendor-tools.js';

const NOTES = [
  'R_bare runs through the bus port, which hands handlers one record at a time and resolves each offset after it: one Redis round trip per record. A batch-level R_bare (one round trip per Kafka batch) needs a batch consumer in @trustwatch/bus.',
  "The machine is shared with other engineers' test runs (see the load average): absolute rates are noise, the ratios measured in the same run are the figures.",
  "Latency runs at half the full engine's median 1:1 rate; the 5,000-customer news figure comes from the fan-out phase (items handled one at a time).",
  "Where the engine's time goes (see the per-event split under Throughput): each 1:1 event is handled alone (the bus hands one record at a time), its fleet is read (getFleet), its effects go through the store's fan-out (a read and a write round trip), and its trust.changed is published with acks from all replicas, all before the next record starts: the round trips per event in the table are these. Node is mostly idle waiting on these (CPU profile: about half idle, GC next).",
  "What would close the 1:1 gap: a batch handler in @trustwatch/bus (the records of one fetch per partition, offsets resolved after the batch), an engine path that plans a batch, reads its fleets in one pipeline, applies it with one applyMany (position included) and publishes the batch's trust.changed in one produce request. Fan-out: fold the customersOfVendor lookup (and any read-back) into the fan-out pipeline, and publish trust.changed without waiting on each 500-event batch.",
];

async function phasesOf(ctx: BenchContext, shape: PortfolioShape): Promise<Phases> {
  const step = (name: string) => ctx.log.info({ phase: name }, 'bench phase');
  step('throughput');
  const throughput = await runThroughputPhase(ctx, shape);
  step('fan-out');
  const fanOut = await runFanOutPhase(ctx, shape);
  const rate = Math.max(1, throughput.rates.full.median / 2);
  step('latency and soak');
  const latency = await runLatencyPhase(ctx, shape, rate);
  step('backlog');
  const backlog = await runBacklogPhase(ctx, shape, rate);
  step('memory');
  const memory = await runMemoryPhase(ctx, shape);
  return { throughput, fanOut, latency, backlog, memory };
}

/**
 * One benchmark run: the correctness gate first (numbers count only if it passes), then throughput,
 * fan-out, latency and soak, backlog, memory and the vendors' tools. Topics and keys are deleted at the
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
      notes: gate.passed ? NOTES : ['The correctness gate failed: no figure of this run counts.', ...NOTES],
    };
  } finally {
    await admin.quit();
    await closeBenchRun(ctx);
  }
}
