import { scopeKeyOf } from './alert-state.js';
import { scoreMove } from './build-alert.js';
import { alertLabels } from './fingerprint.js';
import type { DropRule } from './rule-schema.js';
import { dropWithin, observeScores } from './score-window.js';
import { inScope } from './threshold-rule.js';
import type { RuleInput, Verdict } from './verdict.js';

/** The key of a drop rule's window for one score. */
export function windowKey(rule: string, scopeKey: string): string {
  return `${rule}|${scopeKey}`;
}

/**
 * Drop rule: records each watched score of the change in the rule's window, fires while the score is
 * at least `points` below its highest value within the window, clears when it no longer is.
 */
export function evaluateDrop(rule: DropRule, input: RuleInput): Verdict[] {
  const { change, state, windows } = input;
  const at = Date.parse(change.at);
  const vendors: (string | undefined)[] = [];
  if (inScope(rule.scope, 'overall')) vendors.push(undefined);
  if (inScope(rule.scope, 'vendor')) vendors.push(...change.vendors.map((vendor) => vendor.vendorId));
  const verdicts: Verdict[] = [];
  for (const vendor of vendors) {
    const scopeKey = scopeKeyOf(vendor);
    const key = windowKey(rule.name, scopeKey);
    const move = scoreMove(change, vendor);
    const window = observeScores(windows[key], at, [move.before, move.after], move.after, rule.window);
    windows[key] = window;
    const labels = alertLabels(change.customerId, rule.name, rule.severity, vendor);
    const firing = dropWithin(window, window.currentAt, rule.window) >= rule.points;
    const known = Object.values(state.alerts).some(
      (record) => record.alert.labels.rule === rule.name && record.scopeKey === scopeKey,
    );
    if (firing || known) verdicts.push({ labels, scopeKey, firing, summaryTemplate: rule.summary });
  }
  return verdicts;
}
