import {
  flushDue,
  ingestAlerts,
  sweepAlertState,
  type Notification,
  type SilenceStore,
} from '@trustwatch/alerting';
import type { AlertingStore } from '@trustwatch/store';
import type { DeliveryEngine } from '../delivery/engine.js';
import { AlerterError } from '../errors.js';
import type { StepDeps } from './apply-change.js';
import { decodeCustomer, nextDueAt } from './customer-state.js';

const MAX_ROUNDS = 8;

/** What a flush adds to a step: the outbox (through the engine) and the silences of this tick. */
export interface FlushDeps extends StepDeps {
  readonly engine: Pick<DeliveryEngine, 'enqueue'>;
  readonly silences: SilenceStore;
}

export interface FlushOutcome {
  /** Notifications this flush created. */
  readonly notifications: number;
  readonly muted: number;
  /** Notifications handed to the outbox (this flush's and any left pending by a crash). */
  readonly handedOver: number;
}

/** Hands committed notifications to the outbox (idempotent by id), then forgets them. */
async function handOver(
  store: AlertingStore,
  engine: FlushDeps['engine'],
  customerId: string,
  pending: readonly { id: string; json: string }[],
  dueAt: number | null,
): Promise<void> {
  const notifications = pending.map((p) => JSON.parse(p.json) as Notification);
  if (notifications.length > 0) await engine.enqueue(notifications);
  await store.clearPending(
    customerId,
    pending.map((p) => p.id),
    dueAt,
  );
}

/**
 * One dispatcher step for one customer at `now`: lets time pass for drop alerts, flushes the groups that
 * are due (silences and inhibitions applied), and commits the new groups together with the
 * notifications as pending; only then are they handed to the outbox. A crash in between leaves them
 * pending, and the next tick hands them over with the same ids, which the outbox deduplicates.
 */
export async function flushCustomer(deps: FlushDeps, customerId: string): Promise<FlushOutcome> {
  let handedOver = 0;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const record = await deps.store.loadCustomer(customerId);
    const { state, dispatch } = decodeCustomer(customerId, record);
    const now = deps.now();
    if (record.pending.length > 0) {
      handedOver += record.pending.length;
      await handOver(
        deps.store,
        deps.engine,
        customerId,
        record.pending,
        nextDueAt(state, dispatch, deps.rules, now),
      );
    }
    const swept = sweepAlertState(state, deps.rules, now);
    const grouped = ingestAlerts(dispatch, swept.alerts, deps.tree, now);
    const flushed = flushDue(grouped, now, {
      tree: deps.tree,
      silences: deps.silences,
      dashboardBaseUrl: deps.dashboardBaseUrl,
      ...(deps.displayName === undefined ? {} : { displayName: deps.displayName }),
    });
    const pending = flushed.notifications.map((n) => ({ id: n.id, json: JSON.stringify(n) }));
    const dueAt = nextDueAt(swept.state, flushed.state, deps.rules, now);
    const notified = [...new Set(flushed.notifications.flatMap((n) => n.alerts.map((a) => a.fingerprint)))];
    const outcome = await deps.store.commitCustomer(customerId, {
      expectedRev: record.rev,
      state: JSON.stringify(swept.state),
      dispatch: JSON.stringify(flushed.state),
      alerts: swept.alerts,
      notified,
      pending,
      nextDueAt: dueAt,
      now,
    });
    if (outcome !== 'committed') continue;
    if (pending.length > 0) await handOver(deps.store, deps.engine, customerId, pending, dueAt);
    return {
      notifications: pending.length,
      muted: flushed.muted.length,
      handedOver: handedOver + pending.length,
    };
  }
  throw new AlerterError(
    'STATE_CONFLICT',
    `alert state of ${customerId} kept moving; flushing on the next tick`,
  );
}
