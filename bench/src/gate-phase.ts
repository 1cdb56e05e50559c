import type { BenchContext } from './context.js';
import { BenchError } from './errors.js';
import { compareState, type GateResult, type StateComparison } from './gate.js';
import { loadTopics } from './kafka-link.js';
import { oracleStore } from './oracle.js';
import { runPipeline, type PipelineMeasure } from './pipeline.js';
import type { PortfolioShape } from './portfolio.js';
import { eventCount, mixedEvents } from './workload.js';

/** The gate's verdict and the pass it judged. */
export interface GatePhase {
  readonly gate: GateResult;
  readonly pipeline: PipelineMeasure;
}

/**
 * The correctness gate, run before any number counts: the realistic mix (1:1 events and Zipf news) is
 * produced, the full engine drains it on Kafka and Redis, and the final state is compared with the
 * in-memory oracle's. Throws `GATE_FAILED` (not retriable) when anything differs.
 */
export async function runGatePhase(
  ctx: BenchContext,
  shape: PortfolioShape,
  count: number,
): Promise<GatePhase> {
  const events = mixedEvents(count, shape, { tag: `${ctx.tag}-mix`, epoch: ctx.epoch });
  const loaded = await loadTopics(ctx, 'mix', events);
  const oracle = await oracleStore(ctx, events, shape);
  const expected = eventCount(events);
  let state: StateComparison | undefined;
  // Distinct ids: a redelivery (allowed, at least once) must not stand in for an event never handled.
  const handled = new Set<string>();
  const pipeline = await runPipeline(ctx, {
    variant: 'full',
    loaded,
    shape,
    hooks: { after: (event) => handled.add(event.id) },
    until: () => handled.size >= expected,
    inspect: async (store) => {
      state = await compareState(store, oracle, shape.customers);
    },
  });
  if (state === undefined) throw new BenchError('GATE_FAILED', 'the final state was never inspected');
  const gate: GateResult = {
    ...state,
    expected,
    handled: handled.size,
    deadLettered: pipeline.deadLettered,
    passed: state.mismatchCount === 0 && pipeline.deadLettered === 0 && handled.size === expected,
  };
  return { gate, pipeline };
}
