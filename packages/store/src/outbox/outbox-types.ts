/**
 * The outbox's data, as `@trustwatch/alerter`'s OutboxPort declares it (the alerter owns the port; the
 * store cannot import a service, so the shapes are repeated here and checked structurally where the
 * alerter passes this adapter as its port).
 */
export type OutboxUnitStatus = 'pending' | 'sent' | 'failed' | 'dead' | 'disabled';

export interface OutboxAttempt {
  readonly at: number;
  readonly outcome: 'sent' | 'retry' | 'dead' | 'disabled' | 'lease-expired';
  readonly httpStatus?: number;
  readonly error?: string;
}

export interface NewOutboxUnit {
  readonly id: string;
  readonly notificationId: string;
  readonly receiver: string;
  readonly customer: string;
  readonly payload: string;
  readonly createdAt: number;
}

export interface OutboxUnit extends NewOutboxUnit {
  readonly status: OutboxUnitStatus;
  readonly dueAt: number;
  readonly attempts: readonly OutboxAttempt[];
  readonly updatedAt: number;
}

export interface OutboxCompletion {
  readonly owner: string;
  readonly now: number;
  readonly status: Exclude<OutboxUnitStatus, 'pending'>;
  readonly attempt: OutboxAttempt;
  readonly retryAt?: number;
}

export interface OutboxLogQuery {
  readonly customer?: string;
  readonly receiver?: string;
  readonly status?: OutboxUnitStatus;
  readonly limit: number;
  readonly before?: number;
}
