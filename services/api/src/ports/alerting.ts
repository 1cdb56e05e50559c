import { alertSchema, entityIdSchema, isoTimestampSchema } from '@trustwatch/schemas';
import { z } from 'zod';
import type { Page, PageQuery } from './page.js';

/** An alert with who acknowledged it; the alerter owns alerts, the API only reads and acknowledges. */
export const alertRecordSchema = z.strictObject({
  alert: alertSchema,
  acknowledged: z
    .strictObject({ by: z.string().min(1).max(256), at: isoTimestampSchema, comment: z.string().max(1000) })
    .nullable(),
});
export type AlertRecord = z.infer<typeof alertRecordSchema>;

export interface AlertQuery extends PageQuery {
  /** Customers whose alerts may be returned; `all` for roles that see every customer. */
  readonly customers: readonly string[] | 'all';
  readonly status?: 'firing' | 'resolved';
}

/** Alerts as the alerter keeps them, ordered by fingerprint. */
export interface AlertPort {
  list(query: AlertQuery): Promise<Page<AlertRecord>>;
  get(fingerprint: string): Promise<AlertRecord | null>;
  /** Marks an alert acknowledged (again: the latest acknowledgement wins); null when unknown. */
  acknowledge(
    fingerprint: string,
    ack: NonNullable<AlertRecord['acknowledged']>,
  ): Promise<AlertRecord | null>;
}

export const SILENCE_LABELS = ['customer', 'vendor', 'rule', 'severity'] as const;

/** What a new silence says: alerts whose labels match every matcher stay quiet from start to end. */
export const silenceInputSchema = z.strictObject({
  matchers: z
    .array(
      z.strictObject({
        label: z.enum(SILENCE_LABELS),
        value: z.string().min(1).max(256),
        /** False silences alerts whose label differs from `value`. */
        equal: z.boolean().default(true),
      }),
    )
    .min(1)
    .max(20),
  startsAt: isoTimestampSchema.optional(),
  endsAt: isoTimestampSchema,
  comment: z.string().min(1).max(1000),
});
export type SilenceInput = z.infer<typeof silenceInputSchema>;

export const silenceSchema = z.strictObject({
  id: entityIdSchema,
  matchers: silenceInputSchema.shape.matchers,
  startsAt: isoTimestampSchema,
  endsAt: isoTimestampSchema,
  comment: z.string(),
  createdBy: z.string(),
  status: z.enum(['pending', 'active', 'expired']),
});
export type Silence = z.infer<typeof silenceSchema>;

/** Silences as the alerter keeps them, ordered by id. */
export interface SilencePort {
  create(silence: Omit<Silence, 'id' | 'status'>): Promise<Silence>;
  list(query: PageQuery): Promise<Page<Silence>>;
  /** Ends a silence now; null when unknown. An already expired silence is returned unchanged. */
  expire(id: string, at: string): Promise<Silence | null>;
}

export const RECEIVER_KINDS = ['webhook', 'slack', 'email', 'pagerduty', 'alertmanager'] as const;

/** A notification channel. `endpoint` may hold a secret (a Slack webhook URL), so reads mask it. */
export const receiverSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  kind: z.enum(RECEIVER_KINDS),
  endpoint: z.string().min(1).max(2048),
});
export type Receiver = z.infer<typeof receiverSchema>;

/** An alert rule as the alerter evaluates it. */
export const ruleSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  description: z.string().max(1000),
  severity: z.enum(['info', 'warning', 'critical']),
  scope: z.enum(['overall', 'vendor']),
  /** Fires when the score is below this many points. */
  below: z.number().min(0).max(100),
  receivers: z.array(z.string().min(1).max(63)).max(20),
});
export type Rule = z.infer<typeof ruleSchema>;

/** Named configuration the alerter reads: receivers and rules share this shape of port. */
export interface NamedStore<T extends { readonly name: string }> {
  /** Every item, ordered by name. */
  list(): Promise<T[]>;
  put(item: T): Promise<T>;
}

export const deliverySchema = z.strictObject({
  id: entityIdSchema,
  fingerprint: z.string(),
  customerId: entityIdSchema,
  receiver: z.string(),
  at: isoTimestampSchema,
  attempt: z.number().int().positive(),
  outcome: z.enum(['delivered', 'failed', 'retrying']),
  detail: z.string().max(1000).optional(),
});
export type Delivery = z.infer<typeof deliverySchema>;

/** The alerter's delivery log, ordered by id. */
export interface DeliveryLogPort {
  list(query: PageQuery): Promise<Page<Delivery>>;
}
