import { describe, expect, it } from 'vitest';
import { generateEventSet } from './event-set.js';
import { mutateAt, serialise, DEEP_MARKER, type Json } from './hostile.js';
import { randomClusterId } from './private-kafka.js';
import { diffStates, type ComparableState } from './state.js';

const state = (feed: string[], factors: string[] = []): ComparableState => ({
  at: '2031-01-01T00:00:00.000Z',
  overall: 90,
  vendors: [],
  factors,
  feed,
});

describe('fault suite harness', () => {
  it('draws cluster ids the storage tool takes: 22 URL-safe base64 characters, never a leading "-"', () => {
    // One id in 64 would start with "-"; 2,000 draws hold one with near certainty if the rule were missing.
    const ids = Array.from({ length: 2_000 }, () => randomClusterId());
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('generates the same events for the same seed and different ones for another seed', () => {
    const ids = (seed: number) => generateEventSet(seed, 200, 5).events.map((e) => e.event.id);
    expect(ids(7)).toEqual(ids(7));
    expect(ids(7)).not.toEqual(ids(8));
  });

  it('mixes all three kinds of input by default and only firmware swaps when asked', () => {
    const topics = (mix?: { supplier: number; news: number }) =>
      new Set(generateEventSet(3, 1_000, 5, mix).events.map((e) => e.topic));
    expect(topics()).toEqual(new Set(['firmware.changed', 'supplier.changed', 'news.classified']));
    expect(topics({ supplier: 0, news: 0 })).toEqual(new Set(['firmware.changed']));
  });

  it('counts feed entries lost and recorded twice against the oracle, customer by customer', () => {
    const expected = { a: state(['e1', 'e2'], ['f1']), b: state(['e3']) };
    const actual = { a: state(['e1', 'e1'], ['f1']), b: state(['e3']) };
    expect(diffStates(expected, actual)).toEqual({
      customers: ['a'],
      missingFactors: 0,
      missingFeed: 1,
      extraFeed: 1,
    });
    expect(diffStates(expected, expected).customers).toEqual([]);
  });

  it('replaces a node with a __proto__ object as an own key, leaving the original document alone', () => {
    const original: Json = { data: { name: 'x' } };
    const hostile = JSON.parse('{"__proto__":{"polluted":true}}') as Json;
    const mutated = mutateAt(original, ['data', 'name'], hostile);
    expect(JSON.stringify(mutated)).toBe('{"data":{"name":{"__proto__":{"polluted":true}}}}');
    expect(original).toEqual({ data: { name: 'x' } });
  });

  it('expands the deep-nesting marker into ten thousand nested arrays in the serialised text', () => {
    const text = serialise({ a: DEEP_MARKER });
    expect(text.startsWith(`{"a":${'['.repeat(10_000)}]`)).toBe(true);
    expect(text.length).toBe('{"a":}'.length + 20_000);
  });
});
