import type { Alert } from '@trustwatch/schemas';

/** One group of alerts on its way to one receiver (Alertmanager's aggregation group). */
export interface GroupState {
  readonly key: string;
  readonly routeId: string;
  readonly receiver: string;
  /** The values of the route's `group_by` labels shared by every alert of the group. */
  readonly groupLabels: Readonly<Record<string, string>>;
  /** Latest version of each alert, by fingerprint; resolved ones stay until the next flush. */
  readonly alerts: Readonly<Record<string, Alert>>;
  readonly groupWait: number;
  readonly groupInterval: number;
  readonly repeatInterval: number;
  /** Epoch ms of the next flush: `group_wait` after the group appeared, then every `group_interval`. */
  readonly nextFlushAt: number;
  /** Epoch ms of the last notification sent, `null` before the first. */
  readonly lastNotifiedAt: number | null;
  /** Fingerprints of the firing alerts in the last notification, sorted. */
  readonly notifiedFiring: readonly string[];
}

/** Every group by key: a plain JSON-serialisable object that the caller persists between ticks. */
export interface DispatchState {
  readonly version: 1;
  readonly groups: Readonly<Record<string, GroupState>>;
}

/** A dispatcher with no alerts. */
export function emptyDispatchState(): DispatchState {
  return { version: 1, groups: {} };
}

/** When the dispatcher next has something to do (`null`: nothing pending): the caller's timer. */
export function nextFlushAt(state: DispatchState): number | null {
  let next: number | null = null;
  for (const group of Object.values(state.groups)) {
    if (next === null || group.nextFlushAt < next) next = group.nextFlushAt;
  }
  return next;
}
