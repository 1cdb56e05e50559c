// Trust model shapes: factors, score summaries, trust changes and alerts.
import { alertEvent } from './alert.js';
import { trustChangedEvent } from './trust-changed.js';

export * from './primitives.js';
export * from './factor-kind.js';
export * from './evidence.js';
export * from './factor.js';
export * from './score-summary.js';
export * from './trust-changed.js';
export * from './alert.js';

/** Events the trust engine and the alerter publish; merged with the input events in the registry. */
export const TRUST_EVENTS = [trustChangedEvent, alertEvent] as const;
