import { describe, expect, it } from 'vitest';
import { createHeldShared, noteBindings } from './held-shared.js';

describe('the shared factors each customer held when last read', () => {
  it('answers the union of the customers asked for, each id once, in first-seen order', () => {
    const held = createHeldShared(100);
    held.remember('c1', ['f1', 'f2']);
    held.remember('c2', ['f2', 'f3']);
    expect(held.idsOf(['c2', 'c1', 'unknown'])).toEqual(['f2', 'f3', 'f1']);
    expect(held.idsOf([])).toEqual([]);
  });

  it('replaces what a customer held with what it holds now', () => {
    const held = createHeldShared(100);
    held.remember('c1', ['f1', 'f2']);
    held.remember('c1', ['f3']);
    expect(held.idsOf(['c1'])).toEqual(['f3']);
    held.remember('c1', []);
    expect(held.idsOf(['c1'])).toEqual([]);
    expect(held.size()).toEqual({ customers: 0, ids: 0 });
  });

  it('keeps at most maxIds ids, dropping the customers remembered longest ago first', () => {
    const held = createHeldShared(4);
    held.remember('c1', ['f1', 'f2']);
    held.remember('c2', ['f3']);
    held.remember('c3', ['f4', 'f5']);
    expect(held.size()).toEqual({ customers: 2, ids: 3 });
    expect(held.idsOf(['c1'])).toEqual([]);
    expect(held.idsOf(['c2', 'c3'])).toEqual(['f3', 'f4', 'f5']);
    // Remembering a customer again makes it the newest.
    held.remember('c2', ['f3']);
    held.remember('c4', ['f6', 'f7']);
    expect(held.idsOf(['c2', 'c3', 'c4'])).toEqual(['f3', 'f6', 'f7']);
  });

  it('does not keep a customer holding more than the whole bound, and keeps nothing at 0', () => {
    const held = createHeldShared(2);
    held.remember('c1', ['f1']);
    held.remember('c2', ['f2', 'f3', 'f4']);
    expect(held.idsOf(['c1', 'c2'])).toEqual(['f1']);
    const off = createHeldShared(0);
    off.remember('c1', ['f1']);
    expect(off.size()).toEqual({ customers: 0, ids: 0 });
  });
});

describe('adding bindings being written', () => {
  it('adds new ids to what the customer held and makes it the newest', () => {
    const held = createHeldShared(4);
    held.remember('c1', ['f1']);
    held.remember('c2', ['f2']);
    noteBindings(held, [
      { customerId: 'c1', exposures: [{ factorId: 'f1' }, { factorId: 'f3' }] },
      { customerId: 'c3' },
      { customerId: 'c4', exposures: [{ factorId: 'f4' }] },
    ]);
    expect(held.idsOf(['c1'])).toEqual(['f1', 'f3']);
    expect(held.idsOf(['c4'])).toEqual(['f4']);
    expect(held.size()).toEqual({ customers: 3, ids: 4 });
    held.add('c2', ['f5']);
    expect(held.idsOf(['c1', 'c2', 'c4'])).toEqual(['f2', 'f5', 'f4']);
  });
});
