// The alerter: trust.changed in, rules and groups persisted, notifications delivered through the outbox.
export * from './errors.js';
export {
  receiverConfigSchema,
  rateOf,
  type ReceiverConfig,
  type ReceiverKind,
} from './receivers/receiver-config.js';
export { signWebhook, webhookHeaders } from './receivers/standard-webhook.js';
export { renderSlack } from './receivers/render-slack.js';
export { renderPagerDuty, pagerDutyDedupKey } from './receivers/render-pagerduty.js';
export { renderAlertmanager, type PostableAlert } from './receivers/render-alertmanager.js';
export { renderEmail } from './receivers/render-email.js';
export {
  assertAddressAllowed,
  checkPolicy,
  DENY_ALL_PRIVATE,
  type AddressPolicy,
} from './ssrf/address-policy.js';
export { checkUrl, guardedLookup } from './ssrf/guarded-lookup.js';
export { postGuarded, type HttpReply, type PostOptions } from './http/post.js';
export { classifyStatus, type AttemptVerdict } from './http/classify.js';
export { parseRetryAfter } from './http/retry-after.js';
export { retryDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './delivery/backoff.js';
export { TokenBucket } from './delivery/token-bucket.js';
export {
  createDeliveryEngine,
  deliveryId,
  type DeliveryEngine,
  type EngineOptions,
  type EngineLogger,
} from './delivery/engine.js';
export type { RunSummary } from './delivery/record.js';
export * from './outbox/outbox-port.js';
export { createMemoryOutbox } from './outbox/memory-outbox.js';
export { startAlerter, type Alerter, type AlerterOptions, type AlerterMetrics } from './runtime/alerter.js';
export {
  startEmbeddedAlerter,
  type EmbeddedAlerter,
  type EmbeddedAlerterOptions,
} from './runtime/embedded.js';
export {
  loadAlertingSetup,
  assembleSetup,
  receiversFileSchema,
  type AlertingSetup,
  type SetupFiles,
} from './runtime/alerting-setup.js';
export { applyChange, type ApplyOutcome, type StepDeps } from './runtime/apply-change.js';
export { flushCustomer, type FlushDeps, type FlushOutcome } from './runtime/flush-customer.js';
export { catalogDisplayNames } from './runtime/display-names.js';
export { loadAlerterConfig, alerterSection, type AlerterConfig } from './config.js';
export {
  startAlerterService,
  type AlerterServiceOptions,
  type StartedAlerterService,
} from './start-service.js';
