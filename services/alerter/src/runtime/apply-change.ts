import {
  evaluateChange,
  ingestAlerts,
  type DisplayName,
  type RoutingTree,
  type RuleFile,
} from '@trustwatch/alerting';
import type { TrustChanged } from '@trustwatch/schemas';
import type { AlertingStore } from '@trustwatch/store';
import { AlerterError } from '../errors.js';
import { decodeCustomer, factorFactsOf, nextDueAt } from './customer-state.js';

/** What a step on one customer needs. Time is injected. */
export interface StepDeps {
  readonly store: AlertingStore;
  readonly rules: RuleFile;
  readonly tree: RoutingTree;
  readonly dashboardBaseUrl: string;
  readonly now: () => number;
  /** Names shown in summaries instead of ids where known. */
  readonly displayName?: DisplayName;
}

// Optimistic commits: another step on the same customer (a timer flush, a second alerter after a
// rebalance) may land between read and write; a few rounds settle it, then the bus retries the event.
const MAX_ROUNDS = 8;

/**
 * `flushAt`: the flush instants of the groups this change opened or added to (group_wait after a new
 * group, the next group_interval tick of a notified one): the dispatcher wakes for the customer then.
 */
export type ApplyOutcome =
  | { readonly status: 'applied'; readonly alerts: number; readonly flushAt: readonly number[] }
  | { readonly status: 'duplicate' };

/**
 * Applies one trust change to its customer: evaluates the rules against the persisted alert state, adds
 * the alerts to their groups, and commits both with the change's marker in one atomic write. Nothing is
 * sent here: a group notifies at its flush instant (group_wait after it appears). A redelivered change
 * is a `duplicate` and writes nothing; evaluation is pure, so a retry after a lost reply is harmless.
 */
export async function applyChange(
  deps: StepDeps,
  change: TrustChanged,
  eventId: string,
): Promise<ApplyOutcome> {
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const record = await deps.store.loadCustomer(change.customerId);
    const { state, dispatch } = decodeCustomer(change.customerId, record);
    const now = deps.now();
    const evaluation = evaluateChange(state, change, {
      rules: deps.rules,
      dashboardBaseUrl: deps.dashboardBaseUrl,
      factorFacts: factorFactsOf(change),
      ...(deps.displayName === undefined ? {} : { displayName: deps.displayName }),
    });
    const grouped = ingestAlerts(dispatch, evaluation.alerts, deps.tree, now);
    const outcome = await deps.store.commitCustomer(change.customerId, {
      expectedRev: record.rev,
      state: JSON.stringify(evaluation.state),
      dispatch: JSON.stringify(grouped),
      eventId,
      alerts: evaluation.alerts,
      notified: [],
      pending: [],
      nextDueAt: nextDueAt(evaluation.state, grouped, deps.rules, now),
      now,
    });
    if (outcome === 'committed') {
      // ingestAlerts keeps untouched groups as they were: a new object is a group this change touched.
      const flushAt = Object.values(grouped.groups)
        .filter((group) => dispatch.groups[group.key] !== group)
        .map((group) => group.nextFlushAt);
      return { status: 'applied', alerts: evaluation.alerts.length, flushAt: [...new Set(flushAt)] };
    }
    if (outcome === 'duplicate') return { status: 'duplicate' };
  }
  throw new AlerterError(
    'STATE_CONFLICT',
    `alert state of ${change.customerId} kept moving; retry the change`,
  );
}
