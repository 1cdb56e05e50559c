import { describe, expect, it } from 'vitest';
import { emptyDispatchState } from './dispatch/dispatch-state.js';
import { ingestAlerts } from './dispatch/ingest.js';
import type { Notification } from './notifications/notification.js';
import { emptyAlertState } from './rules/alert-state.js';
import { evaluateChange } from './rules/evaluate.js';
import { emptySilenceStore } from './silences/silence-store.js';
import {
  change,
  crossing,
  DASHBOARD,
  defaultRouting,
  defaultRules,
  factor,
  runClock,
  T0,
} from './test-support.js';

const HOUR = 3_600_000;

describe('the Big Hack, end to end with the default rules and routing', () => {
  it('pages on the credible allegation, mutes the vendor warning, and sends resolutions after the denials', () => {
    const rules = defaultRules();
    const tree = defaultRouting();
    const flush = { tree, silences: emptySilenceStore(), dashboardBaseUrl: DASHBOARD };
    const claim = factor('story-big-hack', 'news_allegation', 'supermicro', 'added', 28.5);
    // Bloomberg, B2: 0.5625 credible; after the denials and the clearing audit, far less.
    const report = change('globex', T0, {
      overall: [100, 71.5],
      vendors: { supermicro: [100, 43.75] },
      factors: [claim],
      crossings: [
        crossing('watch', 'down'),
        crossing('watch', 'down', 'supermicro'),
        crossing('warning', 'down', 'supermicro'),
      ],
    });
    const first = evaluateChange(emptyAlertState('globex'), report, {
      rules,
      dashboardBaseUrl: DASHBOARD,
      factorFacts: new Map([[claim.id, { credibility: 0.5625 }]]),
    });
    expect(first.alerts.map((alert) => alert.labels.rule).sort()).toEqual([
      'credible-implant-allegation',
      'sharp-drop',
      'sharp-drop',
      'vendor-below-warning',
    ]);
    let dispatch = ingestAlerts(emptyDispatchState(), first.alerts, tree, T0);
    const sent: Notification[] = [];
    let step = runClock(dispatch, T0 + 10_000, flush);
    sent.push(...step.sent);
    const pager = sent.find((n) => n.receiver === 'security-pager');
    expect(pager?.alerts.map((alert) => alert.labels.rule)).toEqual(['credible-implant-allegation']);
    expect(pager?.alerts[0]?.factors[0]?.id).toBe(claim.id);
    expect(pager?.dashboardUrl).toBe('https://trustwatch.example/customers/globex');
    const channel = sent.find((n) => n.receiver === 'security-default');
    // The Super Micro warnings are muted by the critical allegation; the overall drop is not.
    expect(
      channel?.alerts.map((alert) => `${alert.labels.rule}:${alert.labels.vendor ?? '-'}`).sort(),
    ).toEqual(['credible-implant-allegation:supermicro', 'sharp-drop:-']);

    const denial = change('globex', T0 + 72 * HOUR, {
      overall: [71.5, 97],
      vendors: { supermicro: [43.75, 95] },
      factors: [{ ...claim, change: 'reassessed', contribution: 3 }],
      crossings: [
        crossing('warning', 'up', 'supermicro'),
        crossing('watch', 'up', 'supermicro'),
        crossing('watch', 'up'),
      ],
    });
    const second = evaluateChange(first.state, denial, {
      rules,
      dashboardBaseUrl: DASHBOARD,
      factorFacts: new Map([[claim.id, { credibility: 0.1 }]]),
    });
    expect(second.alerts.every((alert) => alert.status === 'resolved')).toBe(true);
    dispatch = ingestAlerts(step.state, second.alerts, tree, T0 + 72 * HOUR);
    step = runClock(dispatch, T0 + 73 * HOUR, flush);
    expect(step.sent.map((n) => `${n.receiver}:${n.status}`).sort()).toEqual([
      'security-default:resolved',
      'security-pager:resolved',
    ]);
    expect(step.state.groups).toEqual({});
  });
});
