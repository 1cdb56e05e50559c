import { describe, expect, it } from 'vitest';
import { change, DASHBOARD, defaultRules, T0 } from '../test-support.js';
import { emptyAlertState } from './alert-state.js';
import { evaluateChange } from './evaluate.js';
import { sweepAlertState } from './sweep.js';

const rules = defaultRules();
const HOUR = 3_600_000;

describe('letting time pass', () => {
  it('resolves a sharp-drop alert once the high point has left the window, and forgets the spent window', () => {
    const fall = evaluateChange(emptyAlertState('globex'), change('globex', T0, { overall: [100, 82] }), {
      rules,
      dashboardBaseUrl: DASHBOARD,
    });
    expect(fall.alerts.map((alert) => alert.labels.rule)).toEqual(['sharp-drop']);
    const early = sweepAlertState(fall.state, rules, T0 + HOUR / 2);
    expect(early.alerts).toEqual([]);
    const late = sweepAlertState(early.state, rules, T0 + HOUR + HOUR / 32);
    expect(late.alerts.map((alert) => [alert.status, alert.endsAt])).toEqual([
      ['resolved', new Date(T0 + HOUR + HOUR / 32).toISOString()],
    ]);
    expect(late.state.alerts).toEqual({});
    expect(sweepAlertState(late.state, rules, T0 + 3 * HOUR).state.windows).toEqual({});
  });

  it('leaves threshold and factor alerts to the changes that clear them', () => {
    const down = evaluateChange(
      emptyAlertState('globex'),
      change('globex', T0, {
        overall: [62, 58],
        crossings: [{ threshold: 'warning', value: 60, direction: 'down', scope: { level: 'overall' } }],
      }),
      { rules, dashboardBaseUrl: DASHBOARD },
    );
    expect(sweepAlertState(down.state, rules, T0 + 24 * HOUR).alerts).toEqual([]);
  });
});
