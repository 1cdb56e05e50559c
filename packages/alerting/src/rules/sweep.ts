import type { Alert } from '@trustwatch/schemas';
import type { CustomerAlertState, ScoreWindow } from './alert-state.js';
import { resolveAlert } from './build-alert.js';
import { windowKey } from './drop-rule.js';
import type { RuleFile } from './rule-schema.js';
import { dropWithin, isWindowSpent } from './score-window.js';

/**
 * Lets time pass for a customer with no new change: a drop alert whose high point has aged out of its
 * window resolves at `now`, and windows that can no longer matter are forgotten. The caller runs it
 * on a timer (e.g. each dispatcher tick) with the injected clock.
 */
export function sweepAlertState(
  state: CustomerAlertState,
  rules: RuleFile,
  now: number,
): { state: CustomerAlertState; alerts: readonly Alert[] } {
  const alerts = { ...state.alerts };
  const windows: Record<string, ScoreWindow> = { ...state.windows };
  const resolved: Alert[] = [];
  const endsAt = new Date(now).toISOString();
  for (const rule of rules.rules) {
    if (rule.type !== 'drop') continue;
    for (const [fingerprint, record] of Object.entries(alerts)) {
      if (record.alert.labels.rule !== rule.name) continue;
      const window = windows[windowKey(rule.name, record.scopeKey)];
      if (window !== undefined && dropWithin(window, now, rule.window) >= rule.points) continue;
      delete alerts[fingerprint];
      resolved.push(resolveAlert(record.alert, endsAt));
    }
    for (const [key, window] of Object.entries(windows)) {
      if (key.startsWith(`${rule.name}|`) && isWindowSpent(window, now, rule.window)) delete windows[key];
    }
  }
  return { state: { ...state, alerts, windows }, alerts: resolved };
}
