import type { Alert, TrustChanged } from '@trustwatch/schemas';
import { AlertingError } from '../errors.js';
import type { AlertRecord, CustomerAlertState, ScoreWindow } from './alert-state.js';
import { buildAlert, type DisplayName } from './build-alert.js';
import { evaluateDrop } from './drop-rule.js';
import { evaluateFactor } from './factor-rule.js';
import { fingerprintOf } from './fingerprint.js';
import type { Rule, RuleFile } from './rule-schema.js';
import { evaluateThreshold } from './threshold-rule.js';
import type { FactorFacts, RuleInput, Verdict } from './verdict.js';

/** What evaluation needs besides the change and the state. */
export interface EvaluationContext {
  readonly rules: RuleFile;
  /** Base URL of the dashboard; each alert links to its customer's page under it. */
  readonly dashboardBaseUrl: string;
  /** Facts about factors the change names (credibility, CVSS), looked up by the caller in the store. */
  readonly factorFacts?: ReadonlyMap<string, FactorFacts>;
  /** Names shown in summaries instead of ids where known; labels and fingerprints keep the ids. */
  readonly displayName?: DisplayName;
}

/** The customer's next state and every alert the change fired, updated or resolved. */
export interface Evaluation {
  readonly state: CustomerAlertState;
  readonly alerts: readonly Alert[];
}

function verdictsOf(rule: Rule, input: RuleInput): Verdict[] {
  switch (rule.type) {
    case 'threshold':
      return evaluateThreshold(rule, input);
    case 'drop':
      return evaluateDrop(rule, input);
    case 'factor':
      return evaluateFactor(rule, input);
  }
}

/**
 * Applies one trust change to a customer's alert state. Pure: the same state and change give the same
 * result, and nothing outside the returned state is remembered. A firing alert is emitted again on
 * each change that still fires it (with fresh evidence and its original `startsAt`); deduplication
 * and repeat intervals are the dispatcher's job. A cleared alert is emitted once as resolved, with
 * `endsAt` at the change's instant, and forgotten.
 */
export function evaluateChange(
  state: CustomerAlertState,
  change: TrustChanged,
  context: EvaluationContext,
): Evaluation {
  if (state.customerId !== change.customerId) {
    throw new AlertingError(
      'CUSTOMER_MISMATCH',
      `state of customer ${state.customerId} cannot take a change of ${change.customerId}`,
    );
  }
  const windows: Record<string, ScoreWindow> = { ...state.windows };
  const input: RuleInput = {
    change,
    state,
    windows,
    factFor: (id) => context.factorFacts?.get(id),
  };
  const alerts: Record<string, AlertRecord> = { ...state.alerts };
  const emitted: Alert[] = [];
  for (const rule of context.rules.rules) {
    for (const verdict of verdictsOf(rule, input)) {
      const fingerprint = fingerprintOf(verdict.labels);
      const previous = alerts[fingerprint];
      if (!verdict.firing && previous === undefined) continue;
      const alert = buildAlert({
        labels: verdict.labels,
        change,
        summaryTemplate: verdict.summaryTemplate,
        dashboardBaseUrl: context.dashboardBaseUrl,
        ...(context.displayName === undefined ? {} : { displayName: context.displayName }),
        ...(previous === undefined ? {} : { startsAt: previous.alert.startsAt }),
        ...(verdict.shownFactorIds === undefined || !verdict.firing
          ? {}
          : { showFactorIds: verdict.shownFactorIds }),
      });
      if (verdict.firing) {
        const thresholdValue = verdict.thresholdValue ?? previous?.thresholdValue;
        alerts[fingerprint] = {
          alert,
          scopeKey: verdict.scopeKey,
          factorIds: verdict.factorIds ?? [],
          ...(thresholdValue === undefined ? {} : { thresholdValue }),
        };
        emitted.push(alert);
      } else {
        delete alerts[fingerprint];
        emitted.push({ ...alert, status: 'resolved', endsAt: change.at });
      }
    }
  }
  return { state: { ...state, alerts, windows }, alerts: emitted };
}
