import type { Notification } from '@trustwatch/alerting';
import { alertEvidence } from './evidence.js';

// Block Kit limits: 50 blocks a message, 3000 chars a section text, 150 a header.
const MAX_ALERT_BLOCKS = 10;
const cut = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
/** Slack mrkdwn treats &, < and > as markup; untrusted summaries are escaped. */
const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A Slack incoming-webhook message: Block Kit blocks plus `text`, the fallback shown in notifications and
 * by clients that cannot render blocks. Each alert gets its score move, factors, source links and a
 * dashboard button.
 */
export function renderSlack(n: Notification): { text: string; blocks: unknown[] } {
  const blocks: unknown[] = [{ type: 'header', text: { type: 'plain_text', text: cut(n.summary, 150) } }];
  for (const alert of n.alerts.slice(0, MAX_ALERT_BLOCKS)) {
    const e = alertEvidence(alert);
    const links = e.links.map((l) => `<${l.url}|${esc(l.text)}>`).join(' · ');
    const body = [`*${esc(e.title)}*`, e.score, ...e.factors.map((f) => `• ${esc(f)}`), links]
      .filter((line) => line !== '')
      .join('\n');
    blocks.push(
      { type: 'section', text: { type: 'mrkdwn', text: cut(body, 3000) } },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: 'Open in dashboard' }, url: e.dashboardUrl },
        ],
      },
    );
  }
  const more = n.alerts.length - MAX_ALERT_BLOCKS + n.truncatedAlerts;
  if (more > 0) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${String(more)} more alerts` }],
    });
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `<${n.dashboardUrl}|Dashboard> · ${String(n.counts.firing)} firing, ${String(n.counts.resolved)} resolved`,
      },
    ],
  });
  const first = n.alerts[0];
  const fallback =
    first === undefined ? n.summary : `${n.summary} (${alertEvidence(first).score}) ${n.dashboardUrl}`;
  return { text: cut(fallback, 3000), blocks };
}
