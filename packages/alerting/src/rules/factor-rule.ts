import type { FactorChange } from '@trustwatch/schemas';
import { scopeKeyOf } from './alert-state.js';
import { alertLabels, fingerprintOf } from './fingerprint.js';
import type { FactorRule } from './rule-schema.js';
import type { FactorFacts, RuleInput, Verdict } from './verdict.js';

function meetsBar(rule: FactorRule, facts: FactorFacts | undefined): boolean {
  const checks: [number | undefined, number | undefined][] = [
    [rule.minCvss, facts?.cvssBaseScore],
    [rule.minCredibility, facts?.credibility],
  ];
  for (const [bar, value] of checks) {
    if (bar === undefined) continue;
    // Without the fact, the rule's own choice decides: security rules default to firing.
    if (value === undefined) return rule.whenUnknown === 'fire';
    if (value < bar) return false;
  }
  return true;
}

function qualifies(rule: FactorRule, factor: FactorChange, facts: FactorFacts | undefined): boolean {
  const live = factor.change === 'added' || factor.change === 'reassessed';
  return live && meetsBar(rule, facts);
}

/**
 * Critical factor rule: alerts at once when a factor of one of its kinds appears (or is reassessed
 * above the rule's bar), one alert per vendor for the customer listing every such factor, and clears
 * when the last of them is resolved, decays to nothing or is reassessed below the bar.
 */
export function evaluateFactor(rule: FactorRule, input: RuleInput): Verdict[] {
  const { change, state, factFor } = input;
  const byVendor = new Map<string | undefined, FactorChange[]>();
  for (const factor of change.factors) {
    if (!rule.kinds.includes(factor.kind)) continue;
    byVendor.set(factor.vendorId, [...(byVendor.get(factor.vendorId) ?? []), factor]);
  }
  const verdicts: Verdict[] = [];
  for (const [vendor, factors] of byVendor) {
    const labels = alertLabels(change.customerId, rule.name, rule.severity, vendor);
    // Kept in first-seen order: a storm of new factors appends, it never re-sorts.
    const ids = new Set(state.alerts[fingerprintOf(labels)]?.factorIds ?? []);
    const shown = new Set<string>();
    for (const factor of factors) {
      const gone = factor.change === 'resolved' || factor.contribution === 0;
      if (!gone && qualifies(rule, factor, factFor(factor.id))) {
        ids.add(factor.id);
        shown.add(factor.id);
      } else if (gone || factor.change === 'reassessed') {
        ids.delete(factor.id);
      }
    }
    verdicts.push({
      labels,
      scopeKey: scopeKeyOf(vendor),
      firing: ids.size > 0,
      summaryTemplate: rule.summary,
      factorIds: [...ids],
      shownFactorIds: shown,
    });
  }
  return verdicts;
}
