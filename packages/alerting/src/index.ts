// Pure alerting model: rules, alert lifecycle, routing, grouping, inhibition, silences, notifications.
export * from './errors.js';
export { parseDuration, durationSchema } from './rules/duration.js';
export * from './rules/rule-schema.js';
export { parseRules } from './rules/parse-rules.js';
export { fingerprintOf, labelPairs, alertLabels } from './rules/fingerprint.js';
export {
  emptyAlertState,
  type AlertRecord,
  type CustomerAlertState,
  type ScoreWindow,
} from './rules/alert-state.js';
export { buildAlert, dashboardUrl, type DisplayName } from './rules/build-alert.js';
export type { FactorFacts } from './rules/verdict.js';
export { evaluateChange, type EvaluationContext, type Evaluation } from './rules/evaluate.js';
export { sweepAlertState } from './rules/sweep.js';
export * from './matchers/matcher.js';
export * from './routing/routing-schema.js';
export * from './routing/route-tree.js';
export { isInhibited, type InhibitRule, type FiringAlert } from './routing/inhibition.js';
export * from './silences/silence.js';
export * from './silences/silence-store.js';
export * from './notifications/notification.js';
export * from './dispatch/dispatch-state.js';
export { ingestAlerts } from './dispatch/ingest.js';
export { flushDue, type FlushContext, type MutedAlert } from './dispatch/flush.js';
export { DEFAULT_RULES_URL, DEFAULT_ROUTING_URL } from './default-config.js';
