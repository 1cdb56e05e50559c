import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AlertingError } from '../errors.js';
import {
  compileMatcher,
  compileRegex,
  formatMatcher,
  matcherSchema,
  parseMatcher,
  type Matcher,
} from './matcher.js';

const labels = { customer: 'globex', vendor: 'supermicro', severity: 'critical' };
const test = (text: string) => compileMatcher(parseMatcher(text)).test(labels);

function unsafe(pattern: string): string | undefined {
  try {
    compileRegex(pattern);
    return undefined;
  } catch (error) {
    return error instanceof AlertingError ? error.code : 'other';
  }
}

describe('label matchers', () => {
  it.each([
    ['customer="globex"', true],
    ['customer!="globex"', false],
    ['vendor=~"super.*"', true],
    ['vendor=~"super"', false],
    ['vendor!~"dell|hpe"', true],
    ['team=""', true],
    ['team!=""', false],
    ['severity=~"warning|critical"', true],
  ])('evaluates %s as %s, regexes anchored and absent labels empty', (text, expected) => {
    expect(test(text)).toBe(expected);
  });

  it('refuses regexes that could backtrack catastrophically, back-references, look-arounds and long ones', () => {
    expect(unsafe('(a+)+')).toBe('UNSAFE_REGEX');
    expect(unsafe('(x*)*y')).toBe('UNSAFE_REGEX');
    expect(unsafe('(a|a)*b')).toBe('UNSAFE_REGEX');
    expect(unsafe('.*.*.*x')).toBe('UNSAFE_REGEX');
    expect(unsafe('(a)\\1')).toBe('UNSAFE_REGEX');
    expect(unsafe('a(?=b)')).toBe('UNSAFE_REGEX');
    expect(unsafe('a'.repeat(257))).toBe('UNSAFE_REGEX');
    expect(unsafe('[')).toBe('UNSAFE_REGEX');
    expect(unsafe('super(micro|mikro)?-[0-9]+')).toBeUndefined();
    expect(unsafe('.*micro.*')).toBeUndefined();
  });

  it('matches in bounded time against a long adversarial label for every accepted pattern', () => {
    const patterns = ['.*a.*b', '[a-z]+x', 'super(micro)?.*', '(a|aa)?b+c'];
    const hostile = { vendor: 'a'.repeat(256) };
    for (const pattern of patterns) {
      const started = performance.now();
      compileMatcher({ name: 'vendor', op: '=~', value: pattern }).test(hostile);
      expect(performance.now() - started).toBeLessThan(50);
    }
  });

  it('refuses text that is not one matcher', () => {
    expect(() => parseMatcher('severity=critical')).toThrow(AlertingError);
    expect(() => parseMatcher('severity=="critical"')).toThrow(AlertingError);
  });

  it('reads back what it writes, quotes and backslashes included', () => {
    const matcherArb = fc.record({
      name: fc.constantFrom('customer', 'vendor', 'team', 'rule'),
      op: fc.constantFrom('=', '!=', '=~', '!~'),
      value: fc.string({ maxLength: 40 }),
    });
    fc.assert(
      fc.property(matcherArb, (matcher) => {
        const parsed: Matcher = matcherSchema.parse(matcher);
        expect(parseMatcher(formatMatcher(parsed))).toEqual(parsed);
      }),
    );
  });
});
