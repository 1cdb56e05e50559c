import { describe, expect, it } from 'vitest';
import { AlertingError } from '../errors.js';
import { configText } from '../test-support.js';
import { parseDuration } from './duration.js';
import { parseRules } from './parse-rules.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AlertingError ? error.code : 'not an AlertingError';
  }
  return undefined;
}

describe('rule files', () => {
  it('accepts the shipped default rules with every kind of rule', () => {
    const rules = parseRules(configText('default.rules.yaml'));
    expect(new Set(rules.rules.map((rule) => rule.type))).toEqual(new Set(['threshold', 'drop', 'factor']));
    const drop = rules.rules.find((rule) => rule.type === 'drop');
    expect(drop?.type === 'drop' ? drop.window : undefined).toBe(3_600_000);
    expect(Object.isFrozen(rules.rules)).toBe(true);
  });

  it('comments every number in the default rule file', () => {
    const uncommented = configText('default.rules.yaml')
      .split('\n')
      .filter((line) => /:\s*\d/.test(line) && !line.includes('#'));
    expect(uncommented).toEqual([]);
  });

  it('refuses duplicate rule names, since the name is the alert identity', () => {
    const rule = `{ name: a, type: drop, points: 5, window: 1h, scope: any, severity: warning, summary: s }`;
    expect(codeOf(() => parseRules(`version: 1\nrules: [${rule}, ${rule}]`))).toBe('CONFIG_INVALID');
  });

  it('refuses malformed YAML, unknown keys, and durations beyond a week', () => {
    expect(codeOf(() => parseRules('version: [1'))).toBe('CONFIG_SYNTAX');
    const base = `name: a, type: drop, points: 5, scope: any, severity: warning, summary: s`;
    expect(codeOf(() => parseRules(`version: 1\nrules: [{ ${base}, window: 8d }]`))).toBe('CONFIG_INVALID');
    expect(codeOf(() => parseRules(`version: 1\nrules: [{ ${base}, window: 1h, extra: 1 }]`))).toBe(
      'CONFIG_INVALID',
    );
    expect(codeOf(() => parseRules(`version: 1\nrules: [{ ${base}, window: 1h }]`))).toBeUndefined();
  });

  it('reads Alertmanager-style durations in every unit', () => {
    expect([parseDuration('250ms'), parseDuration('10s'), parseDuration('5m'), parseDuration('4h')]).toEqual([
      250, 10_000, 300_000, 14_400_000,
    ]);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('5 minutes')).toBeUndefined();
  });
});
