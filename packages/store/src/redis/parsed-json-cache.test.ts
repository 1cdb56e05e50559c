import { factorSchema, type Factor } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { customerFactor } from '../contract/builders.js';
import { createParsedJsonCache } from './parsed-json-cache.js';

/** The factor schema, counting how often it validates. */
function countingSchema(): { schema: { parse: (v: unknown) => Factor }; calls: () => number } {
  let calls = 0;
  return {
    schema: {
      parse: (value) => {
        calls += 1;
        return factorSchema.parse(value);
      },
    },
    calls: () => calls,
  };
}

const text = (key: string, severity = 0.5): string => JSON.stringify(customerFactor('cust-1', key, severity));

describe('parsed JSON cache', () => {
  it('returns the value parsed before for the same text, without validating it again', () => {
    const { schema, calls } = countingSchema();
    const cache = createParsedJsonCache(schema, 1_000_000);
    const first = cache.parse(text('a'));
    const again = cache.parse(text('a'));
    expect(again).toBe(first);
    expect(again).toEqual(customerFactor('cust-1', 'a'));
    expect(calls()).toBe(1);
  });

  it('validates afresh when the stored text changed, however slightly', () => {
    const { schema, calls } = countingSchema();
    const cache = createParsedJsonCache(schema, 1_000_000);
    const before = cache.parse(text('a', 0.5));
    const after = cache.parse(text('a', 0.6));
    expect(after).not.toBe(before);
    expect(after.severity).toBe(0.6);
    expect(calls()).toBe(2);
  });

  it('never keeps text that fails validation, so every read of it fails', () => {
    const { schema, calls } = countingSchema();
    const cache = createParsedJsonCache(schema, 1_000_000);
    const invalid = JSON.stringify({ ...customerFactor('cust-1', 'a'), severity: 7 });
    expect(() => cache.parse(invalid)).toThrow();
    expect(() => cache.parse(invalid)).toThrow();
    expect(() => cache.parse('{"not json')).toThrow(SyntaxError);
    expect(calls()).toBe(2);
    expect(cache.size()).toEqual({ entries: 0, chars: 0 });
  });

  it('drops the least recently read texts first once their characters pass the bound', () => {
    const { schema, calls } = countingSchema();
    const [a, b, c] = [text('a'), text('b'), text('c')];
    // Room for two of the three (equal-length) texts.
    const cache = createParsedJsonCache(schema, a.length * 2 + 1);
    cache.parse(a);
    cache.parse(b);
    cache.parse(a);
    cache.parse(c);
    expect(cache.size()).toEqual({ entries: 2, chars: a.length * 2 });
    expect(calls()).toBe(3);
    cache.parse(a);
    cache.parse(c);
    expect(calls()).toBe(3);
    cache.parse(b);
    expect(calls()).toBe(4);
  });

  it('does not keep a text larger than the whole bound, and keeps what it held', () => {
    const { schema } = countingSchema();
    const small = text('a');
    const cache = createParsedJsonCache(schema, small.length + 10);
    cache.parse(small);
    const large = JSON.stringify({ ...customerFactor('cust-1', 'b'), summary: 'x'.repeat(200) });
    expect(cache.parse(large).summary).toBe('x'.repeat(200));
    expect(cache.size()).toEqual({ entries: 1, chars: small.length });
  });

  it('hands out deep-frozen values, so no reader can change what the next one gets', () => {
    const { schema } = countingSchema();
    const cache = createParsedJsonCache(schema, 1_000_000);
    const value = cache.parse(text('a'));
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.scope)).toBe(true);
    expect(Object.isFrozen(value.evidence.eventIds)).toBe(true);
    expect(() => value.evidence.eventIds.push('evt-x')).toThrow(TypeError);
    expect(cache.parse(text('a')).evidence.eventIds).toEqual(['evt-a']);
  });
});
