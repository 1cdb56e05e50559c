/** Where one delivery unit stands. `pending` (never tried) and `failed` (retry scheduled) are claimable. */
export const UNIT_STATUSES = ['pending', 'sent', 'failed', 'dead', 'disabled'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

/** One try, as the delivery log shows it. */
export interface Attempt {
  /** ms since the epoch. */
  readonly at: number;
  /** `lease-expired`: a worker claimed it and never recorded an outcome (it crashed mid-send). */
  readonly outcome: 'sent' | 'retry' | 'dead' | 'disabled' | 'lease-expired';
  readonly httpStatus?: number;
  readonly error?: string;
}

/** What the engine enqueues: one per (notification, receiver). */
export interface NewDeliveryUnit {
  /** The idempotency key: `webhook-id`, email Message-ID; unique per (notification, receiver). */
  readonly id: string;
  readonly notificationId: string;
  readonly receiver: string;
  readonly customer: string;
  /** The notification JSON; rendered per channel at send time. */
  readonly payload: string;
  readonly createdAt: number;
}

export interface DeliveryUnit extends NewDeliveryUnit {
  readonly status: UnitStatus;
  /** When it is next due (ms); for a claimed unit, when its lease expires. */
  readonly dueAt: number;
  readonly attempts: readonly Attempt[];
  readonly updatedAt: number;
}

export interface ClaimRequest {
  readonly now: number;
  readonly limit: number;
  /** How long the claimer owns the units; after that another worker may re-send them. */
  readonly leaseMs: number;
  /** Unique per worker process (and per restart). */
  readonly owner: string;
}

export interface Completion {
  readonly owner: string;
  readonly now: number;
  readonly status: Exclude<UnitStatus, 'pending'>;
  readonly attempt: Attempt;
  /** For `failed`: when to try again (ms). */
  readonly retryAt?: number;
}

export interface LogQuery {
  readonly customer?: string;
  readonly receiver?: string;
  readonly status?: UnitStatus;
  readonly limit: number;
  /** Only units created strictly before this (ms): the next page of a newest-first listing. */
  readonly before?: number;
}

/**
 * The durable outbox: units survive a crash, a claim leases them, and only a completion by the lease
 * owner records the outcome. A worker that crashed between sending and recording loses its lease; the
 * unit is claimed again and re-sent with the same id, while units already recorded `sent` never are.
 * Attempt histories keep the last 20 attempts.
 */
export interface OutboxPort {
  /** Adds units; an id already present is left as it is (re-enqueueing is harmless). Returns how many were new. */
  enqueue(units: readonly NewDeliveryUnit[]): Promise<number>;
  /** Leases up to `limit` due units (pending/failed with dueAt <= now, or leased with an expired lease). */
  claim(request: ClaimRequest): Promise<DeliveryUnit[]>;
  /** Records an attempt's outcome; `lease-lost` when another owner holds the unit now (nothing written). */
  complete(id: string, completion: Completion): Promise<'recorded' | 'lease-lost'>;
  /** Releases a claimed unit until `dueAt` without an attempt (a local rate limit held it back). */
  defer(
    id: string,
    deferral: { owner: string; now: number; dueAt: number },
  ): Promise<'recorded' | 'lease-lost'>;
  get(id: string): Promise<DeliveryUnit | undefined>;
  /** The delivery log, newest first, filtered by customer, receiver and status. */
  list(query: LogQuery): Promise<DeliveryUnit[]>;
  /** Marks a receiver disabled (410 Gone); its due units then complete as `disabled` without sending. */
  disableReceiver(receiver: string, now: number): Promise<void>;
  disabledReceivers(): Promise<ReadonlySet<string>>;
}

/** Attempts kept per unit: enough to see a retry pattern, bounded so a storm cannot grow a unit without limit. */
export const MAX_ATTEMPTS_KEPT = 20;
