import type { Notification } from '@trustwatch/alerting';
import { alertEvidence } from './evidence.js';

/** One element of Alertmanager API v2's `postableAlerts` (labels, annotations, startsAt, endsAt, generatorURL). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
}

/**
 * The body of `POST /api/v2/alerts`. A firing alert gets `endsAt` = now + `firingTtlMs`, so it stays
 * firing while we keep re-sending it and resolves by itself if we stop; a resolved alert gets its real
 * end, which resolves it at once. Labels are strings only, as the schema requires.
 */
export function renderAlertmanager(n: Notification, nowMs: number, firingTtlMs: number): PostableAlert[] {
  return n.alerts.map((alert) => {
    const e = alertEvidence(alert);
    const labels: Record<string, string> = {
      alertname: alert.labels.rule,
      customer: alert.labels.customer,
      severity: alert.labels.severity,
      ...(alert.labels.vendor === undefined ? {} : { vendor: alert.labels.vendor }),
    };
    const endsAt =
      alert.status === 'resolved' ? (alert.endsAt ?? n.at) : new Date(nowMs + firingTtlMs).toISOString();
    return {
      labels,
      annotations: {
        summary: alert.summary,
        score_before: String(alert.score.before),
        score_after: String(alert.score.after),
        factors: e.factors.join('\n'),
        evidence: e.links.map((l) => l.url).join('\n'),
        dashboard: e.dashboardUrl,
      },
      startsAt: alert.startsAt,
      endsAt,
      generatorURL: alert.dashboardUrl,
    };
  });
}
