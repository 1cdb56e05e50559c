import { readFileSync } from 'node:fs';
import { alertSchema } from '@trustwatch/schemas';
import { publicDataPath } from '@trustwatch/testing';
import { describe, expect, it } from 'vitest';
import { change, crossing, DASHBOARD, defaultRules, factor, T0 } from '../test-support.js';
import { emptyAlertState, type CustomerAlertState } from './alert-state.js';
import { evaluateChange, type EvaluationContext } from './evaluate.js';
import type { FactorFacts } from './verdict.js';

const rules = defaultRules();
const context: EvaluationContext = { rules, dashboardBaseUrl: DASHBOARD };
const MINUTE = 60_000;

function run(changes: Parameters<typeof evaluateChange>[1][], ctx: EvaluationContext = context) {
  let state: CustomerAlertState = emptyAlertState(changes[0]?.customerId ?? 'globex');
  const emitted = [];
  for (const next of changes) {
    const result = evaluateChange(state, next, ctx);
    state = result.state;
    emitted.push(...result.alerts);
  }
  return { state, emitted };
}

describe('threshold rules', () => {
  it('fires when a vendor score crosses the warning threshold down, with the evidence attached', () => {
    const { emitted, state } = run([
      change('globex', T0, {
        vendors: { supermicro: [62, 55] },
        crossings: [crossing('warning', 'down', 'supermicro')],
      }),
    ]);
    expect(emitted).toHaveLength(1);
    const [alert] = emitted;
    expect(alertSchema.parse(alert)).toEqual(alert);
    expect(alert?.labels).toEqual({
      customer: 'globex',
      vendor: 'supermicro',
      rule: 'vendor-below-warning',
      severity: 'warning',
    });
    expect(alert?.score).toEqual({ before: 62, after: 55 });
    expect(alert?.evidence[0]?.outlet).toBe('bloomberg');
    expect(alert?.dashboardUrl).toBe('https://trustwatch.example/customers/globex?vendor=supermicro');
    expect(Object.keys(state.alerts)).toEqual([alert?.fingerprint]);
  });

  it('keeps the first start time while firing and resolves on the upward crossing', () => {
    const down = change('globex', T0, { overall: [65, 58], crossings: [crossing('warning', 'down')] });
    const lower = change('globex', T0 + MINUTE, { overall: [58, 57] });
    const up = change('globex', T0 + 2 * MINUTE, {
      overall: [57, 64],
      crossings: [crossing('warning', 'up')],
    });
    const { emitted, state } = run([down, lower, up]);
    expect(emitted.map((alert) => alert.status)).toEqual(['firing', 'resolved']);
    expect(emitted[1]?.startsAt).toBe(down.at);
    expect(emitted[1]?.endsAt).toBe(up.at);
    expect(state.alerts).toEqual({});
  });

  it('resolves a firing alert whose up-crossing was missed once the score clears the hysteresis margin', () => {
    const down = change('globex', T0, { overall: [65, 58], crossings: [crossing('warning', 'down')] });
    const within = change('globex', T0 + MINUTE, { overall: [58, 62] });
    const clear = change('globex', T0 + 2 * MINUTE, { overall: [62, 63] });
    expect(run([down, within]).emitted.map((alert) => alert.status)).toEqual(['firing']);
    expect(run([down, within, clear]).emitted.map((alert) => alert.status)).toEqual(['firing', 'resolved']);
  });
});

describe('drop rules', () => {
  it('fires on a fall of at least 15 points within an hour, built from small steps', () => {
    const steps = [100, 96, 92, 88, 84].map((score, i) =>
      change('globex', T0 + i * 10 * MINUTE, { overall: [i === 0 ? 100 : score + 4, score] }),
    );
    const { emitted } = run(steps);
    expect(emitted.filter((alert) => alert.labels.rule === 'sharp-drop')).toHaveLength(1);
    expect(emitted[0]?.labels.vendor).toBeUndefined();
  });

  it('does not fire on the same fall spread over more than the window', () => {
    const steps = [100, 96, 92, 88, 84].map((score, i) =>
      change('globex', T0 + i * 30 * MINUTE, { overall: [i === 0 ? 100 : score + 4, score] }),
    );
    expect(run(steps).emitted).toEqual([]);
  });

  it('resolves when the score recovers within the window', () => {
    const fall = change('globex', T0, { vendors: { supermicro: [100, 80] } });
    const recover = change('globex', T0 + MINUTE, { vendors: { supermicro: [80, 95] } });
    expect(run([fall, recover]).emitted.map((alert) => `${alert.labels.vendor}:${alert.status}`)).toEqual([
      'supermicro:firing',
      'supermicro:resolved',
    ]);
  });
});

describe('critical factor rules', () => {
  it('alerts at once on a firmware image no vendor published and resolves when every such factor is resolved', () => {
    const first = change('acme', T0, { factors: [factor('f1', 'firmware_unknown_build', 'supermicro')] });
    const second = change('acme', T0 + MINUTE, {
      factors: [factor('f2', 'firmware_unknown_build', 'supermicro')],
    });
    const fixOne = change('acme', T0 + 2 * MINUTE, {
      factors: [factor('f1', 'firmware_unknown_build', 'supermicro', 'resolved', 0)],
    });
    const fixAll = change('acme', T0 + 3 * MINUTE, {
      factors: [factor('f2', 'firmware_unknown_build', 'supermicro', 'resolved', 0)],
    });
    const { emitted } = run([first, second, fixOne, fixAll]);
    expect(emitted.map((alert) => alert.status)).toEqual(['firing', 'firing', 'firing', 'resolved']);
    expect(new Set(emitted.map((alert) => alert.fingerprint)).size).toBe(1);
    expect(emitted[0]?.labels).toMatchObject({ rule: 'unknown-firmware-image', severity: 'critical' });
  });

  it('alerts at once, as critical, when a firmware image is swapped under an unchanged version', () => {
    const { emitted } = run([
      change('acme', T0, { factors: [factor('s1', 'firmware_image_swapped', 'supermicro')] }),
    ]);
    expect(emitted.map((alert) => [alert.labels.rule, alert.labels.severity, alert.status])).toEqual([
      ['firmware-image-swapped', 'critical', 'firing'],
    ]);
    expect(emitted[0]?.summary).toBe(
      'acme runs a supermicro firmware image swapped under an unchanged version',
    );
  });

  it('names the customer and vendor in the summary where names are known, keeping ids in the labels', () => {
    const names: Record<string, string> = { 'customer:acme': 'Acme Corp', 'vendor:supermicro': 'Supermicro' };
    const { emitted } = run(
      [change('acme', T0, { factors: [factor('s1', 'firmware_image_swapped', 'supermicro')] })],
      { ...context, displayName: (kind, id) => names[`${kind}:${id}`] },
    );
    expect(emitted[0]?.summary).toBe(
      'Acme Corp runs a Supermicro firmware image swapped under an unchanged version',
    );
    expect(emitted[0]?.labels).toMatchObject({ customer: 'acme', vendor: 'supermicro' });
    expect(emitted[0]?.fingerprint).toBe(
      run([change('acme', T0, { factors: [factor('s1', 'firmware_image_swapped', 'supermicro')] })])
        .emitted[0]?.fingerprint,
    );
  });

  it('alerts on a downgrade below the lowest supported version but not on an ordinary downgrade', () => {
    const { emitted } = run([
      change('acme', T0, {
        factors: [
          factor('d1', 'firmware_downgrade', 'supermicro'),
          factor('d2', 'firmware_downgrade_below_minimum', 'supermicro'),
        ],
      }),
    ]);
    expect(emitted.map((alert) => alert.labels.rule)).toEqual(['downgrade-below-minimum']);
    expect(emitted[0]?.factors.map((f) => f.id)).toEqual(['d2']);
  });

  it('alerts on advisories by their real CVSS score: CVE-2024-10237 (7.2) yes, CVE-2025-6198 (6.4) no', () => {
    const cvss = (id: string): number | undefined => {
      const record = JSON.parse(readFileSync(publicDataPath('cve-records', `${id}.json`), 'utf8')) as {
        containers: { cna: { metrics?: { cvssV3_1?: { baseScore: number } }[] } };
      };
      return record.containers.cna.metrics?.[0]?.cvssV3_1?.baseScore;
    };
    const facts = new Map<string, FactorFacts>();
    for (const id of ['CVE-2024-10237', 'CVE-2025-6198']) {
      const score = cvss(id);
      if (score !== undefined) facts.set(id, { cvssBaseScore: score });
    }
    const fire = (id: string) =>
      run([change('acme', T0, { factors: [factor(id, 'advisory_exposure', 'supermicro')] })], {
        ...context,
        factorFacts: facts,
      }).emitted.length;
    expect(fire('CVE-2024-10237')).toBe(1);
    expect(fire('CVE-2025-6198')).toBe(0);
    // CVE-2019-16649 carries no CVSS score: the rule treats it as severe until rated.
    expect(fire('CVE-2019-16649')).toBe(1);
  });

  it('alerts on a credible implant allegation and resolves when a denial makes it no longer credible', () => {
    const claim = factor('story-big-hack', 'news_allegation', 'supermicro');
    const ctx = (credibility: number): EvaluationContext => ({
      ...context,
      factorFacts: new Map([[claim.id, { credibility }]]),
    });
    const first = evaluateChange(
      emptyAlertState('globex'),
      change('globex', T0, { factors: [claim] }),
      ctx(0.5625),
    );
    expect(first.alerts.map((alert) => alert.status)).toEqual(['firing']);
    const denied = evaluateChange(
      first.state,
      change('globex', T0 + MINUTE, { factors: [{ ...claim, change: 'reassessed' }] }),
      ctx(0.2),
    );
    expect(denied.alerts.map((alert) => alert.status)).toEqual(['resolved']);
    const unknown = evaluateChange(
      emptyAlertState('globex'),
      change('globex', T0, { factors: [claim] }),
      context,
    );
    expect(unknown.alerts).toEqual([]);
  });

  it('refuses to apply one customer change to another customer state', () => {
    expect(() => evaluateChange(emptyAlertState('acme'), change('globex', T0), context)).toThrow(
      expect.objectContaining({ code: 'CUSTOMER_MISMATCH' }) as Error,
    );
  });

  it('keeps the state a plain JSON value', () => {
    const { state } = run([
      change('acme', T0, {
        vendors: { supermicro: [100, 50] },
        factors: [factor('f1', 'firmware_unknown_build', 'supermicro')],
      }),
    ]);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});
