import { z } from 'zod';
import { alertSchema, dashboardUrlSchema, isoTimestampSchema, type Alert } from '@trustwatch/schemas';

// A notification lists at most this many alerts (firing first, most severe first); the rest are
// counted, so a storm still fits one Slack message or one webhook body.
export const MAX_ALERTS_PER_NOTIFICATION = 100;

/**
 * One message to one receiver about one group of alerts: what the channel adapters render. Each alert
 * carries its evidence (score before and after, the factors, source links, its dashboard link).
 */
export const notificationSchema = z.strictObject({
  /** Stable for a group and flush instant: the channels' idempotency key. */
  id: z.string().regex(/^ntf_[0-9a-f]{32}$/),
  receiver: z.string().min(1).max(64),
  groupKey: z.string().min(1).max(128),
  groupLabels: z.record(z.string(), z.string()),
  /** `firing` while any listed alert fires; `resolved` when all listed alerts have cleared. */
  status: z.enum(['firing', 'resolved']),
  /** The dispatcher's clock when the batch was due. */
  at: isoTimestampSchema,
  summary: z.string().min(1).max(1000),
  alerts: z.array(alertSchema).max(MAX_ALERTS_PER_NOTIFICATION),
  counts: z.strictObject({
    firing: z.number().int().nonnegative(),
    resolved: z.number().int().nonnegative(),
  }),
  /** Alerts of the group left out of `alerts` to keep the message small (counted in `counts`). */
  truncatedAlerts: z.number().int().nonnegative(),
  /** The customer's dashboard page when the group is one customer's, else the dashboard's start page. */
  dashboardUrl: dashboardUrlSchema,
});
export type Notification = z.infer<typeof notificationSchema>;

const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;

/** Firing before resolved, critical before warning, oldest first, then by fingerprint (deterministic). */
export function compareForNotification(a: Alert, b: Alert): number {
  return (
    Number(a.status === 'resolved') - Number(b.status === 'resolved') ||
    SEVERITY_RANK[a.labels.severity] - SEVERITY_RANK[b.labels.severity] ||
    a.startsAt.localeCompare(b.startsAt) ||
    a.fingerprint.localeCompare(b.fingerprint)
  );
}

/** The one-line summary of a batch: counts and the group's customer, or a single alert's own summary. */
export function batchSummary(
  firing: readonly Alert[],
  resolved: readonly Alert[],
  customer?: string,
): string {
  const only = firing.length + resolved.length === 1 ? (firing[0] ?? resolved[0]) : undefined;
  const text =
    only === undefined
      ? `[${firing.length > 0 ? 'FIRING' : 'RESOLVED'}] ${firing.length} firing, ${resolved.length} resolved` +
        (customer === undefined ? '' : ` for ${customer}`)
      : `[${only.status.toUpperCase()}] ${only.summary}`;
  return text.slice(0, 1000);
}
