import { createHash } from 'node:crypto';
import type { Notification } from '@trustwatch/alerting';
import { alertEvidence } from './evidence.js';

const PD_SEVERITY = { critical: 'critical', warning: 'warning', info: 'info' } as const;

/**
 * PagerDuty's `dedup_key` for a group: stable for the group's whole life, so the `resolve` closes the
 * incident its `trigger` opened, and a re-sent trigger (crash before recording) is deduplicated by
 * PagerDuty instead of opening a second incident.
 */
export function pagerDutyDedupKey(receiver: string, groupKey: string): string {
  return `tw-${createHash('sha256').update(`${receiver}\n${groupKey}`).digest('hex').slice(0, 40)}`;
}

/** A PagerDuty Events API v2 event: `trigger` while anything fires, `resolve` once all cleared. */
export function renderPagerDuty(n: Notification, routingKey: string): Record<string, unknown> {
  const dedupKey = pagerDutyDedupKey(n.receiver, n.groupKey);
  if (n.status === 'resolved')
    return { routing_key: routingKey, event_action: 'resolve', dedup_key: dedupKey };
  const firing = n.alerts.filter((a) => a.status === 'firing');
  const worst = firing[0] ?? n.alerts[0];
  const evidence = n.alerts.map(alertEvidence);
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: {
      summary: n.summary.slice(0, 1024),
      source: worst?.labels.customer ?? 'trustwatch',
      severity: PD_SEVERITY[worst?.labels.severity ?? 'warning'],
      timestamp: n.at,
      component: worst?.labels.vendor,
      group: n.groupKey,
      class: worst?.labels.rule,
      custom_details: {
        alerts: evidence.map((e) => ({
          title: e.title,
          score: e.score,
          factors: e.factors,
          dashboard: e.dashboardUrl,
        })),
        counts: n.counts,
        truncated_alerts: n.truncatedAlerts,
      },
    },
    links: [
      { href: n.dashboardUrl, text: 'Trustwatch dashboard' },
      ...evidence.flatMap((e) => e.links.map((l) => ({ href: l.url, text: l.text }))).slice(0, 20),
    ],
    client: 'Trustwatch',
    client_url: n.dashboardUrl,
  };
}
