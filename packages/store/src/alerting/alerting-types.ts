import { isoTimestampSchema, type Alert } from '@trustwatch/schemas';
import { z } from 'zod';

/** A label matcher as `@trustwatch/alerting` stores it: `{ name: 'customer', op: '=', value: 'acme' }`. */
export const storedMatcherSchema = z.strictObject({
  name: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/),
  op: z.enum(['=', '!=', '=~', '!~']),
  value: z.string().max(1024),
});
export type StoredMatcher = z.infer<typeof storedMatcherSchema>;

/**
 * A stored silence: the shape of `@trustwatch/alerting`'s `Silence`. The alerting package owns the semantics; the store cannot import it (packages depend on
 * schemas only), so the shape is repeated here and checked on every read.
 */
export const storedSilenceSchema = z.strictObject({
  id: z.string().min(1).max(128),
  matchers: z.array(storedMatcherSchema).min(1).max(16),
  startsAt: isoTimestampSchema,
  endsAt: isoTimestampSchema,
  createdBy: z.string().min(1).max(128),
  comment: z.string().min(1).max(1000),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
});
export type StoredSilence = z.infer<typeof storedSilenceSchema>;

/** Who acknowledged an alert, when, and why. */
export const alertAckSchema = z.strictObject({
  by: z.string().min(1).max(256),
  at: isoTimestampSchema,
  comment: z.string().max(1000),
});
export type AlertAck = z.infer<typeof alertAckSchema>;

/** An alert as the API shows it: the latest version, when it was last notified, who acknowledged it. */
export interface AlertView {
  readonly alert: Alert;
  /** ms of the last notification listing it; null before the first. */
  readonly notifiedAt: number | null;
  readonly acknowledged: AlertAck | null;
}

/** One customer's persisted alerting state, as `loadCustomer` returns it. */
export interface CustomerAlerting {
  /** Increases with every commit; 0 before the first. Commits name the revision they read. */
  readonly rev: number;
  /** The rules' memory (`CustomerAlertState` JSON), null before the first commit. */
  readonly state: string | null;
  /** The customer's notification groups (`DispatchState` JSON), null before the first commit. */
  readonly dispatch: string | null;
  /** Notifications committed but not yet handed to the outbox, by id (Notification JSON). */
  readonly pending: readonly { readonly id: string; readonly json: string }[];
}

/** Everything one commit writes for a customer, atomically. */
export interface CustomerCommit {
  /** The revision the caller read; the commit is refused (`conflict`) when another one landed since. */
  readonly expectedRev: number;
  readonly state: string;
  readonly dispatch: string;
  /** The trust change applied (its marker makes a redelivery a `duplicate`); omit for a timer flush. */
  readonly eventId?: string;
  /** New versions of alerts (by fingerprint). */
  readonly alerts: readonly Alert[];
  /** Fingerprints listed in a notification of this commit: their `notifiedAt` becomes `now`. */
  readonly notified: readonly string[];
  /** Notifications to hand to the outbox after the commit (cleared with `clearPending`). */
  readonly pending: readonly { readonly id: string; readonly json: string }[];
  /** When the customer is next due at the dispatcher (null: nothing pending or grouped). */
  readonly nextDueAt: number | null;
  /** The commit's clock, ms. */
  readonly now: number;
}

export type CommitOutcome = 'committed' | 'conflict' | 'duplicate';

export interface AlertListQuery {
  /** Customers whose alerts may be returned; `all` for every customer. */
  readonly customers: readonly string[] | 'all';
  readonly status?: 'firing' | 'resolved';
  readonly limit: number;
  /** Only fingerprints strictly after this one (keyset paging). */
  readonly after?: string;
}

/** A named configuration document (a rule or a receiver as the API edits them). */
export type NamedDocument = { readonly name: string } & Readonly<Record<string, unknown>>;

/**
 * The alerting state: what the alerter needs to survive a restart (per-customer rule memory, groups,
 * notifications on their way to the outbox, the due index) and what the API reads and edits (alerts
 * with acknowledgements, silences, rules, receivers). Two adapters: memory and Redis.
 */
export interface AlertingStore {
  loadCustomer(customerId: string): Promise<CustomerAlerting>;
  commitCustomer(customerId: string, commit: CustomerCommit): Promise<CommitOutcome>;
  /**
   * Forgets pending notifications once the outbox has them, and sets when the customer is next due
   * (null: nothing grouped). A commit with pending notifications marks the customer due at once, so a
   * crash before this call hands them to the outbox on the next tick.
   */
  clearPending(customerId: string, ids: readonly string[], nextDueAt: number | null): Promise<void>;
  /** Customers due at or before `now`, earliest first. */
  dueCustomers(now: number, limit: number): Promise<string[]>;

  listAlerts(query: AlertListQuery): Promise<{ items: AlertView[]; next: string | null }>;
  getAlert(fingerprint: string): Promise<AlertView | null>;
  /** Records an acknowledgement (the latest wins); null for an unknown alert. */
  acknowledgeAlert(fingerprint: string, ack: AlertAck): Promise<AlertView | null>;

  /** Adds a silence; false when its id exists or `maxSilences` are kept already. */
  createSilence(silence: StoredSilence): Promise<boolean>;
  getSilence(id: string): Promise<StoredSilence | null>;
  /** Every silence, ordered by id. */
  listSilences(): Promise<StoredSilence[]>;
  /**
   * Ends a silence at `at` (ISO): a pending one starts and ends then; an expired one is returned
   * unchanged. Null for an unknown id.
   */
  expireSilence(id: string, at: string): Promise<StoredSilence | null>;
  /** Deletes silences that ended before `before` (ms); returns how many. */
  pruneSilences(before: number): Promise<number>;

  listNamed(kind: 'rules' | 'receivers'): Promise<NamedDocument[]>;
  putNamed(kind: 'rules' | 'receivers', document: NamedDocument): Promise<void>;
}

/** Silences kept at most (`@trustwatch/alerting`'s MAX_SILENCES). */
export const MAX_STORED_SILENCES = 10_000;

/** Applied-trust-change markers outlive the trust.changed topic's 30-day retention plus a retry window. */
export const DEFAULT_APPLIED_TTL_SECONDS = 35 * 86_400;

/**
 * A silence id that sorts by creation time (the API and CLI list silences by id): `sil-` + the
 * creation instant in ms, zero-padded to 15 digits, + a random suffix the caller supplies.
 */
export function silenceIdAt(now: number, random: string): string {
  return `sil-${String(now).padStart(15, '0')}-${random}`;
}

/** The expired form of a silence at `at` (unchanged when it has already ended). */
export function expiredSilence(silence: StoredSilence, at: string): StoredSilence {
  const atMs = Date.parse(at);
  if (Date.parse(silence.endsAt) <= atMs) return silence;
  const startsAt = Date.parse(silence.startsAt) > atMs ? at : silence.startsAt;
  return { ...silence, startsAt, endsAt: at, updatedAt: at };
}
