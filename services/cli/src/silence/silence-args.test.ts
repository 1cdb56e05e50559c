import { describe, expect, it } from 'vitest';
import { parseEnds, parseMatcherArgument } from './silence-args.js';

const NOW = Date.parse('2026-11-24T12:00:00Z');

describe('silence arguments', () => {
  it('reads durations with one or several units from now', () => {
    expect(parseEnds('90m', NOW) - NOW).toBe(90 * 60_000);
    expect(parseEnds('1d12h', NOW) - NOW).toBe(36 * 3_600_000);
    expect(parseEnds('1w', NOW) - NOW).toBe(7 * 86_400_000);
  });

  it('reads an ISO time with a zone as the end, and refuses one without a zone', () => {
    expect(parseEnds('2026-12-01T09:00:00Z', NOW)).toBe(Date.parse('2026-12-01T09:00:00Z'));
    expect(parseEnds('2026-12-01T10:00:00+01:00', NOW)).toBe(Date.parse('2026-12-01T09:00:00Z'));
    expect(() => parseEnds('2026-12-01T09:00:00', NOW)).toThrow('--ends must be a duration');
    expect(() => parseEnds('0h', NOW)).toThrow('--ends must be a duration');
    expect(() => parseEnds('soon', NOW)).toThrow('--ends must be a duration');
  });

  it('takes matchers with or without quotes and every operator', () => {
    expect(parseMatcherArgument('customer=globex')).toEqual({ name: 'customer', op: '=', value: 'globex' });
    expect(parseMatcherArgument('vendor!=dell')).toEqual({ name: 'vendor', op: '!=', value: 'dell' });
    expect(parseMatcherArgument('rule=~"advisory.*"')).toEqual({
      name: 'rule',
      op: '=~',
      value: 'advisory.*',
    });
    expect(parseMatcherArgument('note=say "hi"')).toEqual({ name: 'note', op: '=', value: 'say "hi"' });
  });

  it('refuses a matcher that is not label=value, or an unsafe regex', () => {
    expect(() => parseMatcherArgument('globex')).toThrow('--matcher must look like label=value');
    expect(() => parseMatcherArgument('rule=~(a+)+')).toThrow('--matcher "rule=~(a+)+"');
  });
});
