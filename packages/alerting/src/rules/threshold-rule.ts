import type { CrossingScope } from '@trustwatch/schemas';
import { scopeKeyOf } from './alert-state.js';
import { scoreMove } from './build-alert.js';
import { alertLabels } from './fingerprint.js';
import type { ScoreScope, ThresholdRule } from './rule-schema.js';
import type { RuleInput, Verdict } from './verdict.js';

/** Whether a rule watching `scope` cares about a crossing or score in `crossing`'s scope. */
export function inScope(scope: ScoreScope, level: CrossingScope['level']): boolean {
  return scope === 'any' || scope === level;
}

/**
 * Threshold rule: a downward crossing of the named threshold fires, an upward one clears. An alert
 * still firing whose score is back at `value + hysteresis` or above clears too, so a missed up-crossing
 * cannot leave it firing for ever.
 */
export function evaluateThreshold(rule: ThresholdRule, input: RuleInput): Verdict[] {
  const { change, state } = input;
  const verdicts: Verdict[] = [];
  const decided = new Set<string>();
  for (const crossing of change.crossings) {
    if (crossing.threshold !== rule.threshold || !inScope(rule.scope, crossing.scope.level)) continue;
    const vendor = crossing.scope.level === 'vendor' ? crossing.scope.vendorId : undefined;
    const scopeKey = scopeKeyOf(vendor);
    decided.add(scopeKey);
    verdicts.push({
      labels: alertLabels(change.customerId, rule.name, rule.severity, vendor),
      scopeKey,
      firing: crossing.direction === 'down',
      summaryTemplate: rule.summary,
      thresholdValue: crossing.value,
    });
  }
  for (const record of Object.values(state.alerts)) {
    const { labels } = record.alert;
    if (labels.rule !== rule.name || decided.has(record.scopeKey) || record.thresholdValue === undefined) {
      continue;
    }
    const mentioned =
      labels.vendor === undefined || change.vendors.some((vendor) => vendor.vendorId === labels.vendor);
    if (!mentioned) continue;
    if (scoreMove(change, labels.vendor).after >= record.thresholdValue + rule.hysteresis) {
      verdicts.push({ labels, scopeKey: record.scopeKey, firing: false, summaryTemplate: rule.summary });
    }
  }
  return verdicts;
}
