import { z } from 'zod';
import { defineEvent } from '../registry/define-event.js';
import { factorChangeSchema, evidenceLinkSchema } from './trust-changed.js';
import { entityIdSchema, isoTimestampSchema, summaryTextSchema, trustScoreSchema } from './primitives.js';

// A public domain name (zod's), or the loopback names a local dashboard is served on.
const DASHBOARD_HOST = new RegExp(`^(?:localhost|127\\.0\\.0\\.1|${z.regexes.domain.source.slice(1, -1)})$`);

/**
 * A link to the dashboard: http(s) only (a stored link cannot become `javascript:`), on a domain name or,
 * for the demo and local installs, on `localhost` or `127.0.0.1`.
 */
export const dashboardUrlSchema = z.url({ protocol: /^https?$/, hostname: DASHBOARD_HOST }).max(2048);

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** Labels identify an alert; its fingerprint is derived from them, so the same condition is one alert. */
export const alertLabelsSchema = z.strictObject({
  customer: entityIdSchema,
  vendor: entityIdSchema.optional(),
  rule: z.string().min(1).max(128),
  severity: z.enum(ALERT_SEVERITIES),
});
export type AlertLabels = z.infer<typeof alertLabelsSchema>;

/** An alert as Alertmanager models one: firing until `endsAt`, then resolved. */
export const alertSchema = z.strictObject({
  labels: alertLabelsSchema,
  fingerprint: z.string().regex(/^[0-9a-f]{16,64}$/, 'must be lower-case hex'),
  status: z.enum(['firing', 'resolved']),
  startsAt: isoTimestampSchema,
  endsAt: isoTimestampSchema.optional(),
  summary: summaryTextSchema,
  score: z.strictObject({ before: trustScoreSchema, after: trustScoreSchema }),
  factors: z.array(factorChangeSchema).max(50),
  evidence: z.array(evidenceLinkSchema).max(100),
  dashboardUrl: dashboardUrlSchema,
});
export type Alert = z.infer<typeof alertSchema>;

export const alertEvent = defineEvent({
  type: 'com.trustwatch.alert.v1',
  description: 'An alert fired or resolved for a customer; keyed by customer id.',
  schema: alertSchema,
  partitionKey: (data) => data.labels.customer,
});
