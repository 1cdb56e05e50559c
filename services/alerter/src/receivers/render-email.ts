import type { Notification } from '@trustwatch/alerting';
import { alertEvidence } from './evidence.js';

const html = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Subject, plain text and HTML of one notification email; untrusted text is HTML-escaped. */
export function renderEmail(n: Notification): { subject: string; text: string; html: string } {
  const evidence = n.alerts.map(alertEvidence);
  const text = [
    n.summary,
    '',
    ...evidence.flatMap((e) => [
      e.title,
      `  ${e.score}`,
      ...e.factors.map((f) => `  - ${f}`),
      ...e.links.map((l) => `  ${l.text}: ${l.url}`),
      `  Dashboard: ${e.dashboardUrl}`,
      '',
    ]),
    n.truncatedAlerts > 0 ? `...and ${String(n.truncatedAlerts)} more alerts` : '',
    `Dashboard: ${n.dashboardUrl}`,
  ].join('\n');
  const items = evidence
    .map(
      (e) =>
        `<li><strong>${html(e.title)}</strong><br>${html(e.score)}<ul>${e.factors.map((f) => `<li>${html(f)}</li>`).join('')}</ul>` +
        e.links.map((l) => `<a href="${html(l.url)}">${html(l.text)}</a>`).join(' · ') +
        ` <a href="${html(e.dashboardUrl)}">dashboard</a></li>`,
    )
    .join('');
  return {
    subject: n.summary.slice(0, 200),
    text,
    html: `<p>${html(n.summary)}</p><ul>${items}</ul><p><a href="${html(n.dashboardUrl)}">Open the dashboard</a></p>`,
  };
}
