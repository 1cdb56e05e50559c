// The benchmark harness: workloads, references, the engine's variants, the correctness gate and reports.
export { benchSection, loadBenchConfig, type BenchConfig } from './config.js';
export { BenchError, BENCH_ERROR_CODES, type BenchErrorCode } from './errors.js';
export { createBenchContext, type BenchContext } from './context.js';
export { runGatePhase, type GatePhase } from './gate-phase.js';
export { alertRate, runAlertPhase, type AlertPhase, type AlertRun } from './alert-phase.js';
export { compareState, type GateResult, type StateComparison } from './gate.js';
export { runPipeline, type PipelineMeasure, type Variant } from './pipeline.js';
export {
  referenceBare,
  referenceConsume,
  referenceFan,
  referenceRedis,
  type ReferenceMeasure,
} from './references.js';
export { deleteNamespaces, loadTopics, type LoadedTopics } from './kafka-link.js';
export { mixedEvents, oneToOneEvents, type TopicEvents } from './workload.js';
export { fleetOf, seedPortfolio, type PortfolioShape } from './portfolio.js';
export { smokeConfig } from './smoke.js';
export { closeBenchRun } from './run-end.js';
export { runBench } from './run-bench.js';
