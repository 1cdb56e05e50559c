import { stableId, type Alert } from '@trustwatch/schemas';
import type { LabelSet } from '../matchers/matcher.js';
import { dashboardUrl, type DisplayName } from '../rules/build-alert.js';
import { isInhibited, type FiringAlert } from '../routing/inhibition.js';
import { routingLabels, type RoutingTree } from '../routing/route-tree.js';
import { silencedBy, type SilenceStore } from '../silences/silence-store.js';
import {
  MAX_ALERTS_PER_NOTIFICATION,
  batchSummary,
  compareForNotification,
  type Notification,
} from '../notifications/notification.js';
import type { DispatchState, GroupState } from './dispatch-state.js';

/** What a flush needs besides the state and the clock. */
export interface FlushContext {
  readonly tree: RoutingTree;
  readonly silences: SilenceStore;
  readonly dashboardBaseUrl: string;
  /** Names shown in batch summaries instead of ids where known. */
  readonly displayName?: DisplayName;
}

/** Why an alert was left out of a notification (for the delivery log and the dashboard). */
export interface MutedAlert {
  readonly fingerprint: string;
  readonly groupKey: string;
  readonly reason: 'silenced' | 'inhibited';
  /** The silences muting it (empty when inhibited). */
  readonly silenceIds: readonly string[];
}

function firingAlerts(state: DispatchState, tree: RoutingTree): FiringAlert[] {
  const byFingerprint = new Map<string, FiringAlert>();
  for (const group of Object.values(state.groups)) {
    for (const alert of Object.values(group.alerts)) {
      if (alert.status === 'firing' && !byFingerprint.has(alert.fingerprint)) {
        byFingerprint.set(alert.fingerprint, {
          fingerprint: alert.fingerprint,
          labels: routingLabels(alert.labels, tree),
        });
      }
    }
  }
  return [...byFingerprint.values()];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function notificationOf(
  group: GroupState,
  alerts: Alert[],
  now: number,
  context: FlushContext,
): Notification {
  const firing = alerts.filter((alert) => alert.status === 'firing');
  const resolved = alerts.filter((alert) => alert.status === 'resolved');
  const customer = group.groupLabels['customer'];
  const customerName =
    customer === undefined ? undefined : (context.displayName?.('customer', customer) ?? customer);
  const listed = [...alerts].sort(compareForNotification).slice(0, MAX_ALERTS_PER_NOTIFICATION);
  return {
    id: stableId('ntf', group.key, now),
    receiver: group.receiver,
    groupKey: group.key,
    groupLabels: { ...group.groupLabels },
    status: firing.length > 0 ? 'firing' : 'resolved',
    at: new Date(now).toISOString(),
    summary: batchSummary(firing, resolved, customerName),
    alerts: listed,
    counts: { firing: firing.length, resolved: resolved.length },
    truncatedAlerts: alerts.length - listed.length,
    dashboardUrl:
      customer === undefined
        ? new URL(context.dashboardBaseUrl).toString()
        : dashboardUrl(context.dashboardBaseUrl, customer),
  };
}

/**
 * Sends what is due at `now`. A group is due at its `nextFlushAt`; then, leaving out silenced and
 * inhibited alerts, it notifies when its firing set changed since the last notification, when an
 * alert it notified as firing has resolved, or when `repeat_interval` has passed since the last one
 * while alerts still fire. Resolved alerts are sent once and dropped; an alert that resolved before
 * anyone heard of it is dropped silently. Empty groups are removed; others are due again after
 * `group_interval`.
 */
export function flushDue(
  state: DispatchState,
  now: number,
  context: FlushContext,
): { state: DispatchState; notifications: Notification[]; muted: MutedAlert[] } {
  const groups = { ...state.groups };
  const notifications: Notification[] = [];
  const muted: MutedAlert[] = [];
  const due = Object.values(state.groups)
    .filter((group) => group.nextFlushAt <= now)
    .sort((a, b) => a.nextFlushAt - b.nextFlushAt || a.key.localeCompare(b.key));
  const firing = due.length > 0 ? firingAlerts(state, context.tree) : [];
  for (const group of due) {
    const audible: Alert[] = [];
    for (const alert of Object.values(group.alerts)) {
      const labels: LabelSet = routingLabels(alert.labels, context.tree);
      const silenceIds = silencedBy(context.silences, labels, now);
      const inhibited =
        alert.status === 'firing' &&
        silenceIds.length === 0 &&
        isInhibited({ fingerprint: alert.fingerprint, labels }, firing, context.tree.inhibitRules);
      if (silenceIds.length > 0 || inhibited) {
        muted.push({
          fingerprint: alert.fingerprint,
          groupKey: group.key,
          reason: inhibited ? 'inhibited' : 'silenced',
          silenceIds,
        });
      } else if (alert.status === 'firing' || group.notifiedFiring.includes(alert.fingerprint)) {
        audible.push(alert);
      }
    }
    const firingNow = audible
      .filter((alert) => alert.status === 'firing')
      .map((alert) => alert.fingerprint)
      .sort();
    const resolvedNow = audible.some((alert) => alert.status === 'resolved');
    const repeatDue = group.lastNotifiedAt !== null && now - group.lastNotifiedAt >= group.repeatInterval;
    const send =
      (firingNow.length > 0 && (!sameList(firingNow, group.notifiedFiring) || repeatDue)) || resolvedNow;
    if (send) notifications.push(notificationOf(group, audible, now, context));
    const remaining = Object.fromEntries(
      Object.entries(group.alerts).filter(([, alert]) => alert.status === 'firing'),
    );
    if (Object.keys(remaining).length === 0) {
      delete groups[group.key];
      continue;
    }
    groups[group.key] = {
      ...group,
      alerts: remaining,
      nextFlushAt: now + group.groupInterval,
      lastNotifiedAt: send ? now : group.lastNotifiedAt,
      notifiedFiring: send ? firingNow : group.notifiedFiring,
    };
  }
  return { state: { ...state, groups }, notifications, muted };
}
