import { describe, expect, it } from 'vitest';
import { emptyAlertState, type CustomerAlertState } from '../rules/alert-state.js';
import { evaluateChange } from '../rules/evaluate.js';
import {
  change,
  crossing,
  DASHBOARD,
  defaultRouting,
  defaultRules,
  factor,
  runClock,
  T0,
} from '../test-support.js';
import { emptySilenceStore } from '../silences/silence-store.js';
import { emptyDispatchState, type DispatchState } from './dispatch-state.js';
import { ingestAlerts } from './ingest.js';
import type { Notification } from '../notifications/notification.js';

const CHANGES = 10_000;
const MINUTE = 60_000;
const VENDORS = ['supermicro', 'dell', 'hpe', 'lenovo', 'inspur'];

describe('an alert storm', () => {
  it('turns 10k qualifying changes for one customer within a minute into a handful of grouped notifications', () => {
    const rules = defaultRules();
    const routing = defaultRouting();
    const context = { tree: routing, silences: emptySilenceStore(), dashboardBaseUrl: DASHBOARD };
    let alertState: CustomerAlertState = emptyAlertState('acme');
    let dispatch: DispatchState = emptyDispatchState();
    const sent: Notification[] = [];
    let emitted = 0;
    const started = performance.now();
    for (let i = 0; i < CHANGES; i += 1) {
      const at = T0 + Math.floor((i * MINUTE) / CHANGES);
      const vendor = VENDORS[i % VENDORS.length] ?? 'supermicro';
      // Every change is a new BMC reporting an unknown image, and the vendor's score flaps around 60.
      const flapDown = i % 2 === 0;
      const evaluation = evaluateChange(
        alertState,
        change('acme', at, {
          overall: [70, 69.99],
          vendors: { [vendor]: flapDown ? [61, 59] : [59, 64] },
          factors: [factor(`bmc-${i}`, 'firmware_unknown_build', vendor)],
          crossings: [crossing('warning', flapDown ? 'down' : 'up', vendor)],
        }),
        { rules, dashboardBaseUrl: DASHBOARD },
      );
      alertState = evaluation.state;
      emitted += evaluation.alerts.length;
      dispatch = ingestAlerts(dispatch, evaluation.alerts, routing, at);
      const flushed = runClock(dispatch, at, context);
      dispatch = flushed.state;
      sent.push(...flushed.sent);
    }
    const flushed = runClock(dispatch, T0 + MINUTE, context);
    sent.push(...flushed.sent);
    const elapsed = performance.now() - started;

    expect(emitted).toBeGreaterThanOrEqual(CHANGES);
    // Groups: one per customer on the team channel, one per customer and vendor on the pager. Within a
    // minute each sends at group_wait and not again before group_interval (2m).
    expect(sent.length).toBeLessThanOrEqual(1 + VENDORS.length);
    expect(sent.length).toBeGreaterThan(0);
    for (const notification of sent) expect(notification.alerts.length).toBeLessThanOrEqual(100);
    expect(sent.every((n) => Date.parse(n.at) >= T0 + 5_000)).toBe(true);
    // The warnings flapping beside the critical unknown-image alerts are inhibited, never sent.
    const sentRules = new Set(sent.flatMap((n) => n.alerts.map((a) => a.labels.rule)));
    expect(sentRules).toEqual(new Set(['unknown-firmware-image']));
    // State stays small: one record per alert, windows bounded by their bucket count.
    for (const window of Object.values(alertState.windows))
      expect(window.buckets.length).toBeLessThanOrEqual(65);
    expect(elapsed).toBeLessThan(15_000);
  });
});
