import type { Alert } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { notificationSchema } from '../notifications/notification.js';
import { buildAlert } from '../rules/build-alert.js';
import { alertLabels } from '../rules/fingerprint.js';
import { parseRouting } from '../routing/route-tree.js';
import { createSilence, emptySilenceStore, type SilenceStore } from '../silences/silence-store.js';
import { change, DASHBOARD, defaultRouting, runClock, T0 } from '../test-support.js';
import { emptyDispatchState, nextFlushAt, type DispatchState } from './dispatch-state.js';
import { flushDue, type FlushContext } from './flush.js';
import { ingestAlerts } from './ingest.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
// One receiver, grouped by customer: group_wait 5s, group_interval 2m, repeat_interval 4h.
const tree = parseRouting(`
version: 1
receivers: [{ name: chat }]
route: { receiver: chat, group_by: [customer], group_wait: 5s, group_interval: 2m, repeat_interval: 4h }
inhibit_rules:
  - { source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: [customer, vendor] }
`);

function alert(
  customer: string,
  rule: string,
  options: { vendor?: string; severity?: Alert['labels']['severity']; at?: number } = {},
): Alert {
  return buildAlert({
    labels: alertLabels(customer, rule, options.severity ?? 'warning', options.vendor),
    change: change(customer, options.at ?? T0, { overall: [70, 55] }),
    summaryTemplate: `${rule} for {customer}`,
    dashboardBaseUrl: DASHBOARD,
  });
}
const resolved = (a: Alert, at: number): Alert => ({
  ...a,
  status: 'resolved',
  endsAt: new Date(at).toISOString(),
});

function context(silences: SilenceStore = emptySilenceStore(), routing = tree): FlushContext {
  return { tree: routing, silences, dashboardBaseUrl: DASHBOARD };
}

describe('grouping on a fake clock', () => {
  it('waits group_wait after the first alert and sends the whole burst as one notification', () => {
    let state: DispatchState = ingestAlerts(emptyDispatchState(), [alert('globex', 'a')], tree, T0);
    state = ingestAlerts(state, [alert('globex', 'b')], tree, T0 + 3 * SECOND);
    expect(flushDue(state, T0 + 4 * SECOND, context()).notifications).toEqual([]);
    const { sent } = runClock(state, T0 + 5 * SECOND, context());
    expect(sent).toHaveLength(1);
    expect(sent[0]?.at).toBe(new Date(T0 + 5 * SECOND).toISOString());
    expect(sent[0]?.counts).toEqual({ firing: 2, resolved: 0 });
    expect(notificationSchema.parse(sent[0])).toEqual(sent[0]);
    expect(sent[0]?.dashboardUrl).toBe('https://trustwatch.example/customers/globex');
  });

  it('sends a new alert joining a notified group at the next group_interval, not before', () => {
    let { state } = runClock(
      ingestAlerts(emptyDispatchState(), [alert('globex', 'a')], tree, T0),
      T0 + 5 * SECOND,
      context(),
    );
    state = ingestAlerts(state, [alert('globex', 'b')], tree, T0 + 10 * SECOND);
    expect(nextFlushAt(state)).toBe(T0 + 5 * SECOND + 2 * MINUTE);
    const { sent } = runClock(state, T0 + 3 * MINUTE, context());
    expect(sent.map((n) => [n.at, n.counts.firing])).toEqual([
      [new Date(T0 + 5 * SECOND + 2 * MINUTE).toISOString(), 2],
    ]);
  });

  it('does not notify again for an alert still firing until repeat_interval has passed', () => {
    let state = ingestAlerts(emptyDispatchState(), [alert('globex', 'a')], tree, T0);
    const sent = [];
    for (let t = T0; t <= T0 + 5 * HOUR; t += MINUTE) {
      state = ingestAlerts(state, [alert('globex', 'a', { at: t })], tree, t);
      const result = runClock(state, t, context());
      state = result.state;
      sent.push(...result.sent);
    }
    const times = sent.map((n) => Date.parse(n.at) - T0);
    expect(times[0]).toBe(5 * SECOND);
    expect(times).toHaveLength(2);
    // The repeat goes out at the first group_interval tick at or after 4h.
    expect(times[1]).toBeGreaterThanOrEqual(4 * HOUR + 5 * SECOND);
    expect(times[1]).toBeLessThan(4 * HOUR + 5 * SECOND + 2 * MINUTE);
  });

  it('sends a resolved notification once when the condition clears, then forgets the group', () => {
    const a = alert('globex', 'a');
    let { state } = runClock(ingestAlerts(emptyDispatchState(), [a], tree, T0), T0 + 5 * SECOND, context());
    state = ingestAlerts(state, [resolved(a, T0 + MINUTE)], tree, T0 + MINUTE);
    const result = runClock(state, T0 + HOUR, context());
    expect(result.sent.map((n) => [n.status, n.alerts[0]?.status])).toEqual([['resolved', 'resolved']]);
    expect(result.state.groups).toEqual({});
  });

  it('drops an alert that fired and resolved before anyone was told', () => {
    const a = alert('globex', 'a');
    let state = ingestAlerts(emptyDispatchState(), [a], tree, T0);
    state = ingestAlerts(state, [resolved(a, T0 + SECOND)], tree, T0 + SECOND);
    expect(runClock(state, T0 + HOUR, context()).sent).toEqual([]);
    expect(ingestAlerts(emptyDispatchState(), [resolved(a, T0)], tree, T0).groups).toEqual({});
  });
});

describe('notification payloads', () => {
  it('lists at most 100 alerts, critical first, and counts the rest', () => {
    const alerts = Array.from({ length: 150 }, (_, i) =>
      alert('globex', `rule-${i}`, {
        severity: i % 50 === 7 ? 'critical' : 'warning',
        vendor: `vendor-${i}`,
      }),
    );
    const { sent } = runClock(
      ingestAlerts(emptyDispatchState(), alerts, tree, T0),
      T0 + 5 * SECOND,
      context(),
    );
    const [notification] = sent;
    expect(notification?.alerts).toHaveLength(100);
    expect(notification?.truncatedAlerts).toBe(50);
    expect(notification?.counts).toEqual({ firing: 150, resolved: 0 });
    expect(notification?.alerts.slice(0, 3).map((a) => a.labels.severity)).toEqual([
      'critical',
      'critical',
      'critical',
    ]);
    expect(notification?.summary).toBe('[FIRING] 150 firing, 0 resolved for globex');
    expect(notification?.alerts[0]?.score).toEqual({ before: 70, after: 55 });
    expect(notification?.alerts[0]?.evidence.length).toBeGreaterThan(0);
  });

  it('gives the same group and instant the same notification id, so channels can deduplicate', () => {
    const state = ingestAlerts(emptyDispatchState(), [alert('globex', 'a')], tree, T0);
    const first = flushDue(state, T0 + 5 * SECOND, context()).notifications[0];
    const again = flushDue(state, T0 + 5 * SECOND, context()).notifications[0];
    expect(first?.id).toMatch(/^ntf_[0-9a-f]{32}$/);
    expect(again?.id).toBe(first?.id);
  });
});

describe('inhibition and silences', () => {
  it('mutes a warning for a customer and vendor while a critical alert for the same pair fires', () => {
    const warning = alert('globex', 'vendor-below-warning', { vendor: 'supermicro' });
    const critical = alert('globex', 'unknown-firmware-image', {
      vendor: 'supermicro',
      severity: 'critical',
    });
    const otherVendor = alert('globex', 'vendor-below-warning', { vendor: 'dell' });
    const state = ingestAlerts(emptyDispatchState(), [warning, critical, otherVendor], tree, T0);
    const result = flushDue(state, T0 + 5 * SECOND, context());
    expect(result.notifications[0]?.alerts.map((a) => a.fingerprint).sort()).toEqual(
      [critical.fingerprint, otherVendor.fingerprint].sort(),
    );
    expect(result.muted).toEqual([
      {
        fingerprint: warning.fingerprint,
        groupKey: expect.any(String) as string,
        reason: 'inhibited',
        silenceIds: [],
      },
    ]);
  });

  it('sends nothing for a silenced alert and sends it once the silence has expired', () => {
    const a = alert('globex', 'a', { vendor: 'supermicro' });
    const { store } = createSilence(
      emptySilenceStore(),
      {
        matchers: [{ name: 'vendor', op: '=', value: 'supermicro' }],
        startsAt: new Date(T0).toISOString(),
        endsAt: new Date(T0 + HOUR).toISOString(),
        createdBy: 'alice',
        comment: 'planned BMC update',
      },
      { id: 's1', now: T0 },
    );
    const state = ingestAlerts(emptyDispatchState(), [a], tree, T0);
    const during = runClock(state, T0 + HOUR - 1, context(store));
    expect(during.sent).toEqual([]);
    const after = runClock(during.state, T0 + HOUR + 2 * MINUTE, context(store));
    expect(after.sent).toHaveLength(1);
  });

  it('routes critical alerts of the default routing to the pager and the team channel, warnings to the channel', () => {
    const routing = defaultRouting();
    const alerts = [
      alert('acme', 'vendor-below-warning', { vendor: 'dell' }),
      alert('acme', 'unknown-firmware-image', { vendor: 'supermicro', severity: 'critical' }),
    ];
    const { sent } = runClock(
      ingestAlerts(emptyDispatchState(), alerts, routing, T0),
      T0 + 5 * SECOND,
      context(emptySilenceStore(), routing),
    );
    expect(sent.map((n) => `${n.receiver}:${n.counts.firing}`).sort()).toEqual([
      'security-default:2',
      'security-pager:1',
    ]);
  });
});
