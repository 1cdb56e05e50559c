import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FactorChange, ThresholdCrossing, TrustChanged } from '@trustwatch/schemas';
import { parseRules } from './rules/parse-rules.js';
import type { RuleFile } from './rules/rule-schema.js';
import { parseRouting, type RoutingTree } from './routing/route-tree.js';
import { nextFlushAt, type DispatchState } from './dispatch/dispatch-state.js';
import { flushDue, type FlushContext } from './dispatch/flush.js';
import type { Notification } from './notifications/notification.js';

/** Builders shared by this package's tests (not exported from the package). */
export const DASHBOARD = 'https://trustwatch.example/';
export const T0 = Date.parse('2018-10-04T09:00:00Z');

/** Reads one of the package's shipped config files. */
export function configText(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../config/${name}`, import.meta.url)), 'utf8');
}

export function defaultRules(): RuleFile {
  return parseRules(configText('default.rules.yaml'));
}

export function defaultRouting(): RoutingTree {
  return parseRouting(configText('default.routing.yaml'));
}

/** A trust change for `customerId` at `at` (epoch ms); scores default to no move. */
export function change(
  customerId: string,
  at: number,
  parts: {
    overall?: [number, number];
    vendors?: Record<string, [number, number]>;
    factors?: FactorChange[];
    crossings?: ThresholdCrossing[];
  } = {},
): TrustChanged {
  const [before, after] = parts.overall ?? [100, 100];
  return {
    customerId,
    at: new Date(at).toISOString(),
    overall: { before, after },
    vendors: Object.entries(parts.vendors ?? {}).map(([vendorId, [b, a]]) => ({
      vendorId,
      before: b,
      after: a,
    })),
    factors: parts.factors ?? [],
    omittedFactorCount: 0,
    crossings: parts.crossings ?? [],
    evidence: [
      { url: 'https://www.bloomberg.com/news/features/2018-10-04/the-big-hack', outlet: 'bloomberg' },
    ],
    policyVersion: '2026.11.1',
    causeEventIds: ['evt-1'],
  };
}

/** A downward (or upward) crossing of a policy threshold, overall or for one vendor. */
export function crossing(
  threshold: 'watch' | 'warning' | 'critical',
  direction: 'down' | 'up',
  vendorId?: string,
): ThresholdCrossing {
  const value = { watch: 80, warning: 60, critical: 40 }[threshold];
  return {
    threshold,
    value,
    direction,
    scope: vendorId === undefined ? { level: 'overall' } : { level: 'vendor', vendorId },
  };
}

/** A factor change of `kind` for `vendorId`. */
export function factor(
  id: string,
  kind: FactorChange['kind'],
  vendorId: string,
  change: FactorChange['change'] = 'added',
  contribution = 10,
): FactorChange {
  return { id, kind, change, vendorId, summary: `${kind} at ${vendorId}`, contribution };
}

/** Lets a fake clock run to `until`, flushing at every instant the dispatcher asks to be woken. */
export function runClock(
  state: DispatchState,
  until: number,
  context: FlushContext,
): { state: DispatchState; sent: Notification[] } {
  let current = state;
  const sent: Notification[] = [];
  for (let wake = nextFlushAt(current); wake !== null && wake <= until; wake = nextFlushAt(current)) {
    const result = flushDue(current, wake, context);
    current = result.state;
    sent.push(...result.notifications);
  }
  return { state: current, sent };
}
