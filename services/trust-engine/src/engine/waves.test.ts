import { describe, expect, it } from 'vitest';
import { disjointPrefix, waveEnd, type Footprint } from './waves.js';

const changed = (customerId: string): Footprint => ({
  kind: 'wave',
  customerId,
  writesFleet: false,
  readsFleets: false,
});
const observed = (customerId: string): Footprint => ({
  kind: 'wave',
  customerId,
  writesFleet: true,
  readsFleets: false,
});
const supplier = (supplierId: string): Footprint => ({
  kind: 'wave',
  supplierId,
  writesFleet: false,
  readsFleets: true,
});
const alone: Footprint = { kind: 'alone' };

describe('waveEnd', () => {
  it('takes every firmware change of distinct customers and supplier changes of distinct suppliers', () => {
    expect(waveEnd([changed('a'), changed('b'), supplier('s'), supplier('t'), changed('c')], 0)).toBe(5);
  });

  it('stops before a second event of a customer already in the wave', () => {
    expect(waveEnd([changed('a'), observed('b'), changed('a'), changed('c')], 0)).toBe(2);
  });

  it('stops before a second change of a supplier already in the wave', () => {
    expect(waveEnd([supplier('s'), changed('a'), supplier('s')], 0)).toBe(2);
  });

  it('keeps a firmware snapshot (it writes a fleet) apart from supplier changes (they read every fleet)', () => {
    expect(waveEnd([observed('a'), changed('b'), supplier('s')], 0)).toBe(2);
    expect(waveEnd([supplier('s'), changed('b'), observed('a')], 0)).toBe(2);
  });

  it('hands a fan-out event a wave of its own and ends a wave before one', () => {
    expect(waveEnd([alone, changed('a')], 0)).toBe(1);
    expect(waveEnd([changed('a'), changed('b'), alone, changed('c')], 0)).toBe(2);
    expect(waveEnd([changed('a'), changed('b'), alone, changed('c')], 3)).toBe(4);
  });

  it('always takes at least one event, and none past the end', () => {
    expect(waveEnd([changed('a')], 0)).toBe(1);
    expect(waveEnd([], 0)).toBe(1);
  });
});

describe('disjointPrefix', () => {
  const touch = (customerIds: string[], sharedIds: string[] = []) => ({ customerIds, sharedIds });

  it('takes every plan when none shares a customer or a shared factor', () => {
    expect(disjointPrefix([touch(['a']), touch(['b', 'c']), touch([], ['f1'])])).toBe(3);
  });

  it('stops before the first plan touching a customer an earlier one touches', () => {
    expect(disjointPrefix([touch(['a']), touch(['b']), touch(['c', 'a']), touch(['d'])])).toBe(2);
  });

  it('stops before the first plan writing a shared factor an earlier one writes', () => {
    expect(disjointPrefix([touch(['a'], ['f1']), touch(['b'], ['f1'])])).toBe(1);
  });

  it('counts plans that touch nothing as applying with the others', () => {
    expect(disjointPrefix([touch([]), touch(['a']), touch([])])).toBe(3);
  });

  it('takes the first plan even alone, and nothing of an empty list', () => {
    expect(disjointPrefix([touch(['a']), touch(['a'])])).toBe(1);
    expect(disjointPrefix([])).toBe(0);
  });
});
