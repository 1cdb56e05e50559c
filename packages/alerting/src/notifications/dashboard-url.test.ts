import { alertSchema, dashboardUrlSchema } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { change, defaultRules, factor, T0 } from '../test-support.js';
import { emptyAlertState } from '../rules/alert-state.js';
import { evaluateChange } from '../rules/evaluate.js';

describe('dashboard links', () => {
  it.each(['http://localhost:8080', 'http://127.0.0.1:8080', 'https://trustwatch.example'])(
    'builds alerts linking to a dashboard served at %s',
    (base) => {
      const { alerts } = evaluateChange(
        emptyAlertState('acme'),
        change('acme', T0, { factors: [factor('f1', 'firmware_unknown_build', 'supermicro')] }),
        { rules: defaultRules(), dashboardBaseUrl: base },
      );
      expect(alerts[0]?.dashboardUrl).toBe(`${base}/customers/acme?vendor=supermicro`);
      expect(alertSchema.safeParse(alerts[0]).success).toBe(true);
    },
  );

  it.each([
    'javascript:alert(1)',
    'ftp://localhost/x',
    'file:///etc/passwd',
    'http://10.0.0.1/',
    'http://intranet/',
  ])('refuses %s as a dashboard link', (url) => {
    expect(dashboardUrlSchema.safeParse(url).success).toBe(false);
  });
});
