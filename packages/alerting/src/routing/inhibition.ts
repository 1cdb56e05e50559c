import { compileMatcher, matchesAll, type CompiledMatcher, type LabelSet } from '../matchers/matcher.js';
import type { InhibitRuleInput } from './routing-schema.js';

/** A compiled inhibition rule: while a source alert fires, matching targets with equal labels are muted. */
export interface InhibitRule {
  readonly source: readonly CompiledMatcher[];
  readonly target: readonly CompiledMatcher[];
  readonly equal: readonly string[];
}

export function compileInhibitRule(input: InhibitRuleInput): InhibitRule {
  return {
    source: input.source_matchers.map(compileMatcher),
    target: input.target_matchers.map(compileMatcher),
    equal: input.equal,
  };
}

/** A firing alert that may mute others: its fingerprint and routing labels. */
export interface FiringAlert {
  readonly fingerprint: string;
  readonly labels: LabelSet;
}

/**
 * Whether `target` is muted by a firing alert under some rule: the target matches the rule's target
 * matchers, another firing alert matches its source matchers, and both have the same values for every
 * `equal` label. An alert never inhibits itself, so a rule matching both sides cannot mute everything.
 */
export function isInhibited(
  target: FiringAlert,
  firing: readonly FiringAlert[],
  rules: readonly InhibitRule[],
): boolean {
  return rules.some(
    (rule) =>
      matchesAll(rule.target, target.labels) &&
      firing.some(
        (source) =>
          source.fingerprint !== target.fingerprint &&
          matchesAll(rule.source, source.labels) &&
          rule.equal.every((name) => (source.labels[name] ?? '') === (target.labels[name] ?? '')),
      ),
  );
}
