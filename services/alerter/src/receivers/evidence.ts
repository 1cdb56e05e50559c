import type { Alert } from '@trustwatch/schemas';

/** The evidence every channel shows for one alert, rendered once so the channels cannot drift apart. */
export interface AlertEvidence {
  readonly title: string;
  readonly score: string;
  readonly factors: readonly string[];
  readonly links: readonly { readonly url: string; readonly text: string }[];
  readonly dashboardUrl: string;
}

const fmt = (n: number): string => (Math.round(n * 10) / 10).toString();

export function alertEvidence(alert: Alert): AlertEvidence {
  const vendor = alert.labels.vendor === undefined ? '' : ` / ${alert.labels.vendor}`;
  return {
    title: `[${alert.status.toUpperCase()}] ${alert.labels.severity} ${alert.labels.customer}${vendor}: ${alert.summary}`,
    score: `trust ${fmt(alert.score.before)} -> ${fmt(alert.score.after)}`,
    factors: alert.factors.map((f) => `${f.kind} (${f.change}, -${fmt(f.contribution)} pts): ${f.summary}`),
    links: alert.evidence.map((e) => ({ url: e.url, text: e.outlet ?? new URL(e.url).hostname })),
    dashboardUrl: alert.dashboardUrl,
  };
}
