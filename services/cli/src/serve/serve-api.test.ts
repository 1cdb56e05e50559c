import { loadPolicy } from '@trustwatch/trust-engine';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../demo/run-demo.js';
import { captureTerminal, silentLog } from '../test-support/capture.js';

describe('trustwatch demo --serve', () => {
  it('serves the demo results through the API on loopback with the printed key, and stops when told', async () => {
    const policy = await loadPolicy();
    const term = captureTerminal();
    const seen: {
      status: number;
      body: unknown;
      anonymous: number;
      url: string;
      alerts: { alert: { fingerprint: string; dashboardUrl: string } }[];
    }[] = [];
    const result = await runDemo(
      {
        speed: 1,
        json: false,
        policy,
        log: silentLog,
        serve: {
          port: 0,
          async until(api) {
            const trust = await fetch(`${api.url}/v1/customers/brightwater-bank/trust`, {
              headers: { 'X-Api-Key': api.apiKey },
            });
            const anonymous = await fetch(`${api.url}/v1/customers/brightwater-bank/trust`);
            const alerts = await fetch(`${api.url}/v1/alerts?customerId=brightwater-bank&limit=100`, {
              headers: { 'X-Api-Key': api.apiKey },
            });
            seen.push({
              status: trust.status,
              body: await trust.json(),
              anonymous: anonymous.status,
              url: api.url,
              alerts: ((await alerts.json()) as { items: (typeof seen)[number]['alerts'] }).items,
            });
          },
        },
      },
      term,
    );
    const [call] = seen;
    expect(call?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(call?.status).toBe(200);
    expect(call?.anonymous).toBe(401);
    const finals = result.finals.find((f) => f.customerId === 'brightwater-bank');
    expect((call?.body as { overall: { score: number } }).overall.score).toBeCloseTo(finals?.score ?? 0, 6);
    expect(term.stdout()).toContain(`Dashboard at ${call?.url ?? ''}/`);
    // The alerter's own state backs the alerts page: every alert the run raised for the customer, each
    // linking to the dashboard this run served.
    const raised = result.steps
      .flatMap((s) => s.alerts)
      .filter((a) => a.labels.customer === 'brightwater-bank');
    expect(raised.length).toBeGreaterThan(0);
    expect(new Set(call?.alerts.map((a) => a.alert.fingerprint))).toEqual(
      new Set(raised.map((a) => a.fingerprint)),
    );
    for (const { alert } of call?.alerts ?? []) expect(alert.dashboardUrl).toMatch(`${call?.url ?? ''}/`);
    // Closed once `until` resolved: the port no longer answers.
    await expect(fetch(`${call?.url ?? ''}/v1/customers`)).rejects.toThrow();
  });
});
