import {
  emptyAlertState,
  emptyDispatchState,
  nextFlushAt,
  type CustomerAlertState,
  type DispatchState,
  type FactorFacts,
  type RuleFile,
} from '@trustwatch/alerting';
import type { TrustChanged } from '@trustwatch/schemas';
import type { CustomerAlerting } from '@trustwatch/store';
import { AlerterError } from '../errors.js';

// A customer with a firing drop alert is looked at again this often, so the alert resolves when its
// high point ages out of the window even if no change arrives (a minute: well under any drop window).
export const SWEEP_INTERVAL_MS = 60_000;

function parseVersioned<T extends { version: 1 }>(json: string | null, what: string, empty: () => T): T {
  if (json === null) return empty();
  try {
    const value = JSON.parse(json) as T;
    if (value.version === 1) return value;
  } catch (cause) {
    throw new AlerterError('CORRUPT_STATE', `stored ${what} is not JSON`, cause);
  }
  throw new AlerterError('CORRUPT_STATE', `stored ${what} has an unknown version`);
}

/** The rules' memory and the groups of one customer, as last committed. */
export function decodeCustomer(
  customerId: string,
  record: CustomerAlerting,
): { state: CustomerAlertState; dispatch: DispatchState } {
  return {
    state: parseVersioned(record.state, 'alert state', () => emptyAlertState(customerId)),
    dispatch: parseVersioned(record.dispatch, 'dispatch state', emptyDispatchState),
  };
}

/** When the customer next needs the dispatcher: its earliest group flush, or a sweep of drop alerts. */
export function nextDueAt(
  state: CustomerAlertState,
  dispatch: DispatchState,
  rules: RuleFile,
  now: number,
): number | null {
  const flush = nextFlushAt(dispatch);
  const dropRules = new Set(rules.rules.filter((rule) => rule.type === 'drop').map((rule) => rule.name));
  const sweep = Object.values(state.alerts).some((record) => dropRules.has(record.alert.labels.rule))
    ? now + SWEEP_INTERVAL_MS
    : null;
  if (flush === null) return sweep;
  return sweep === null ? flush : Math.min(flush, sweep);
}

/** Credibility and CVSS the trust engine put on each factor of the change, for the rules with a bar. */
export function factorFactsOf(change: TrustChanged): Map<string, FactorFacts> {
  const facts = new Map<string, FactorFacts>();
  for (const factor of change.factors) {
    facts.set(factor.id, {
      ...(factor.credibility === undefined ? {} : { credibility: factor.credibility }),
      ...(factor.cvssBaseScore === undefined ? {} : { cvssBaseScore: factor.cvssBaseScore }),
    });
  }
  return facts;
}
