import { describe, expect, it } from 'vitest';
import type { CustomerSnapshot } from '../port.js';
import { createReadAhead } from './read-ahead.js';

const snapshot = (customerId: string, revision = 1): CustomerSnapshot => ({
  customerId,
  factors: [],
  summary: null,
  revision,
});

function setup(limits = { maxVendors: 2, maxSnapshots: 3, maxAgeMs: 1_000 }) {
  let clock = 0;
  const ahead = createReadAhead(limits, () => clock);
  return { ahead, advance: (ms: number) => (clock += ms) };
}

describe('snapshots read ahead of a fan-out', () => {
  it('hands over every asked-for snapshot once, or none when any is missing', () => {
    const { ahead } = setup();
    ahead.put([snapshot('c1'), snapshot('c2', 7)]);
    expect(ahead.take(['c1', 'c3'])).toBeUndefined();
    expect(ahead.take(['c2', 'c1'])).toEqual([snapshot('c2', 7), snapshot('c1')]);
    expect(ahead.take(['c1'])).toBeUndefined();
    expect(ahead.take([])).toBeUndefined();
  });

  it('drops what it keeps for customers a fan-out is about to change', () => {
    const { ahead } = setup();
    ahead.put([snapshot('c1'), snapshot('c2')]);
    ahead.discard(['c1', 'c9']);
    expect(ahead.take(['c1'])).toBeUndefined();
    expect(ahead.take(['c2'])).toEqual([snapshot('c2')]);
  });

  it('keeps a snapshot for maxAgeMs only', () => {
    const { ahead, advance } = setup();
    ahead.put([snapshot('c1')]);
    advance(600);
    ahead.put([snapshot('c2')]);
    advance(500);
    expect(ahead.take(['c1'])).toBeUndefined();
    expect(ahead.take(['c2'])).toEqual([snapshot('c2')]);
  });

  it('keeps at most maxSnapshots, the latest read', () => {
    const { ahead } = setup();
    ahead.put([snapshot('c1'), snapshot('c2'), snapshot('c3')]);
    ahead.put([snapshot('c4')]);
    expect(ahead.take(['c1'])).toBeUndefined();
    expect(ahead.take(['c2', 'c3', 'c4'])).toHaveLength(3);
  });

  it('remembers the last lookup of the vendors looked up most recently, cut to the limit asked', () => {
    const { ahead } = setup();
    ahead.rememberVendor('v1', ['a', 'b', 'c']);
    ahead.rememberVendor('v2', ['d']);
    expect(ahead.customersOf('v1', 2)).toEqual(['a', 'b']);
    ahead.rememberVendor('v1', ['a']);
    ahead.rememberVendor('v3', ['e']);
    expect(ahead.customersOf('v2', 10)).toEqual([]);
    expect(ahead.customersOf('v1', 10)).toEqual(['a']);
    expect(ahead.customersOf('v3', 10)).toEqual(['e']);
  });
});
