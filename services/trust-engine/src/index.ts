// The trust engine: input events -> affected customers -> factors -> scores -> trust.changed.
export { DEFAULT_CONCURRENT_PARTITIONS } from './defaults.js';
export {
  startTrustEngine,
  type TrustEngine,
  type TrustEngineMetrics,
  type TrustEngineOptions,
} from './embedded.js';
export { ENGINE_TOPICS, createEventHandler, planEvent, type HandlerDeps } from './engine/handle-event.js';
export { createBatchHandler, type BatchEvent } from './engine/handle-batch.js';
export {
  applyPlan,
  applyPlans,
  publishChanges,
  type PublishItem,
  trustChangedId,
  type ApplyDeps,
  type ApplyReport,
} from './engine/apply-plan.js';
export { rescore, evaluationInstant, type RescoreInput, type Rescored } from './engine/rescore.js';
export { createRescoreCache, type Scored } from './engine/rescore-cache.js';
export { describeChange } from './engine/describe-change.js';
export { dedupeKey, type PlanContext } from './engine/context.js';
export type { CustomerPlan, EventPlan } from './engine/plan.js';
export { createCustomerLocks, type CustomerLocks, type Hold } from './engine/customer-locks.js';
export {
  createIdleProgress,
  storeStartOffsets,
  type ResumePositions,
  type StartOffsets,
} from './engine/resume-offsets.js';
export { matchAdvisory, reconcileAdvisories, type AdvisoryMatch } from './advisories/advisory-match.js';
export {
  createMemoryAdvisoryCatalog,
  createStoreAdvisoryCatalog,
  type AdvisoryCatalog,
} from './advisories/advisory-catalog.js';
export { createMemoryDecaySchedule, type DecaySchedule } from './decay/decay-schedule.js';
export { DecayScheduler, type DecaySchedulerOptions } from './decay/decay-scheduler.js';
export { rebuildSchedule } from './decay/rebuild-schedule.js';
export { ManualClock, systemClock, type Clock, type Timer } from './clock.js';
export { loadPolicy } from './policy.js';
export * from './errors.js';
export { loadEngineConfig, engineSection, type EngineConfig } from './config.js';
export { startEngineService, type EngineServiceOptions, type StartedEngineService } from './start-service.js';
