import type { Alert } from '@trustwatch/schemas';
import { fingerprintOf } from '../rules/fingerprint.js';
import type { LabelSet } from '../matchers/matcher.js';
import { routesFor, routingLabels, type RouteNode, type RoutingTree } from '../routing/route-tree.js';
import type { DispatchState, GroupState } from './dispatch-state.js';

function groupLabelsOf(route: RouteNode, labels: LabelSet): Record<string, string> {
  const names = route.groupBy === 'all' ? Object.keys(labels) : route.groupBy;
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = labels[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

/**
 * Adds alerts (as the rules emitted them) to the groups of the routes that handle them. A new group
 * waits `group_wait` before its first flush, so a burst is sent as one notification. A resolved alert
 * that no group holds is dropped: nobody was told it fired.
 */
export function ingestAlerts(
  state: DispatchState,
  alerts: readonly Alert[],
  tree: RoutingTree,
  now: number,
): DispatchState {
  const groups: Record<string, GroupState> = { ...state.groups };
  for (const alert of alerts) {
    const labels = routingLabels(alert.labels, tree);
    for (const route of routesFor(tree, labels)) {
      const groupLabels = groupLabelsOf(route, labels);
      const key = `${route.id}:${fingerprintOf(groupLabels)}`;
      const group = groups[key];
      if (group === undefined) {
        if (alert.status === 'resolved') continue;
        groups[key] = {
          key,
          routeId: route.id,
          receiver: route.receiver,
          groupLabels,
          alerts: { [alert.fingerprint]: alert },
          groupWait: route.groupWait,
          groupInterval: route.groupInterval,
          repeatInterval: route.repeatInterval,
          nextFlushAt: now + route.groupWait,
          lastNotifiedAt: null,
          notifiedFiring: [],
        };
      } else if (alert.status === 'firing' || group.alerts[alert.fingerprint] !== undefined) {
        groups[key] = { ...group, alerts: { ...group.alerts, [alert.fingerprint]: alert } };
      }
    }
  }
  return { ...state, groups };
}
