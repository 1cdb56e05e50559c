import type { Alert } from '@trustwatch/schemas';

/** A firing alert as the rules remember it between changes. */
export interface AlertRecord {
  /** The alert as last emitted (status `firing`). */
  readonly alert: Alert;
  /** `overall` or `vendor:<id>`: the score the alert is about. */
  readonly scopeKey: string;
  /** Threshold rules: the crossed threshold's value in points, for the hysteresis fallback. */
  readonly thresholdValue?: number;
  /** Factor rules: the qualifying factors still behind the alert; it resolves when none is left. */
  readonly factorIds: readonly string[];
}

/**
 * A drop rule's memory of one score: the highest value per time bucket (bucket = window / 64) and the
 * latest value. Bounded whatever the event rate: a storm of changes updates buckets, it adds none.
 */
export interface ScoreWindow {
  /** `[bucketStartMs, highestScore]`, oldest first. */
  readonly buckets: readonly (readonly [number, number])[];
  readonly current: number;
  readonly currentAt: number;
}

/**
 * Everything the rules remember about one customer: a plain JSON-serialisable object that the caller
 * persists (keyed by customer) and passes back with the next change, so evaluation stays pure.
 */
export interface CustomerAlertState {
  readonly version: 1;
  readonly customerId: string;
  /** Firing alerts by fingerprint. Resolved alerts are emitted once and forgotten. */
  readonly alerts: Readonly<Record<string, AlertRecord>>;
  /** Drop-rule windows by `<rule>|<scopeKey>`. */
  readonly windows: Readonly<Record<string, ScoreWindow>>;
}

/** The state of a customer no change has been seen for. */
export function emptyAlertState(customerId: string): CustomerAlertState {
  return { version: 1, customerId, alerts: {}, windows: {} };
}

/** The key of the overall score or of one vendor's score. */
export function scopeKeyOf(vendorId: string | undefined): string {
  return vendorId === undefined ? 'overall' : `vendor:${vendorId}`;
}
