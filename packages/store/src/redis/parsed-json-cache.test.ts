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
  it('returns the value parsed before for the same text at the same place, without validating it again', () => {
    const { schema, calls } = countingSchema();
    const cache = createParsedJsonCache(schema, 1_000_000);
    const first = cache.parse('cust-1', text('a'));
    const again = cache.parse('cust-1', text('a'));
    expect(again).toBe(first);
    expect(again).toEqual(customerFactor('cust-1', 'a'));
    expect(calls()).toBe(1);
  });

  it('validates afresh when the stored text changed, however slightly', () => {
    const { schema, calls } = countingSchema();
    const cache = createParsedJsonCache(schema, 1_000_000);
    const before = cache.parse('cust-1', text('a', 0.5));
    const after = cache.parse('cust-1', text('a', 0.6));
    expect(after).not.toBe(before);
    expect(after.severity).toBe(0.6);
    expect(calls()).toBe(2);
  });

  it('validates only the texts of a list that changed since its last read', () => {
    const { schema, calls } = countingSchema();
    const cache = createParsedJsonCache(schema, 1_000_000);
    const [a, b] = cache.parseAll('cust-1', [text('a'), text('b')]);
    const next = cache.parseAll('cust-1', [text('b'), text('a', 0.9), text('c')]);
    expect(next[0]).toBe(b);
    expect(next[1]).not.toBe(a);
    expect(next.map((f) => [f.id, f.severity])).toEqual([
      [customerFactor('cust-1', 'b').id, 0.5],
      [customerFactor('cust-1', 'a').id, 0.9],
      [customerFactor('cust-1', 'c').id, 0.5],
    ]);
    expect(calls()).toBe(4);
  });

  it('keeps only the texts a place held at its last read: a rewritten value drops its old text', () => {
    const { schema } = countingSchema();
    const cache = createParsedJsonCache(schema, 1_000_000);
    for (let i = 1; i <= 50; i += 1) cache.parseAll('cust-1', [text('a', i / 100), text('b')]);
    expect(cache.size()).toEqual({
      owners: 1,
      entries: 2,
      chars: text('a', 0.5).length + text('b').length,
    });
    cache.parseAll('cust-1', []);
    expect(cache.size()).toEqual({ owners: 1, entries: 0, chars: 0 });
  });

  it('never keeps text that fails validation, so every read of it fails', () => {
    const { schema, calls } = countingSchema();
    const cache = createParsedJsonCache(schema, 1_000_000);
    const invalid = JSON.stringify({ ...customerFactor('cust-1', 'a'), severity: 7 });
    expect(() => cache.parse('cust-1', invalid)).toThrow();
    expect(() => cache.parse('cust-1', invalid)).toThrow();
    expect(() => cache.parse('cust-1', '{"not json')).toThrow(SyntaxError);
    expect(calls()).toBe(2);
    expect(cache.size()).toEqual({ owners: 0, entries: 0, chars: 0 });
  });

  it('drops the least recently read places first once their characters pass the bound', () => {
    const { schema, calls } = countingSchema();
    const [a, b, c] = [text('a'), text('b'), text('c')];
    // Room for two of the three (equal-length) texts.
    const cache = createParsedJsonCache(schema, a.length * 2 + 1);
    cache.parse('p-a', a);
    cache.parse('p-b', b);
    cache.parse('p-a', a);
    cache.parse('p-c', c);
    expect(cache.size()).toEqual({ owners: 2, entries: 2, chars: a.length * 2 });
    expect(calls()).toBe(3);
    cache.parse('p-a', a);
    cache.parse('p-c', c);
    expect(calls()).toBe(3);
    cache.parse('p-b', b);
    expect(calls()).toBe(4);
  });

  it('does not keep texts larger than the whole bound, and keeps what it held', () => {
    const { schema } = countingSchema();
    const small = text('a');
    const cache = createParsedJsonCache(schema, small.length + 10);
    cache.parse('p-a', small);
    const large = JSON.stringify({ ...customerFactor('cust-1', 'b'), summary: 'x'.repeat(200) });
    expect(cache.parse('p-b', large).summary).toBe('x'.repeat(200));
    expect(cache.size()).toEqual({ owners: 1, entries: 1, chars: small.length });
  });

  it('hands out deep-frozen values, so no reader can change what the next one gets', () => {
    const { schema } = countingSchema();
    const cache = createParsedJsonCache(schema, 1_000_000);
    const value = cache.parse('cust-1', text('a'));
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.scope)).toBe(true);
    expect(Object.isFrozen(value.evidence.eventIds)).toBe(true);
    expect(() => value.evidence.eventIds.push('evt-x')).toThrow(TypeError);
    expect(cache.parse('cust-1', text('a')).evidence.eventIds).toEqual(['evt-a']);
  });
});
