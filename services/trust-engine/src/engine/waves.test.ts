import { describe, expect, it } from 'vitest';
import { disjointSubset, nextWave, type Footprint } from './waves.js';

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

/** The whole run pending. */
const all = (footprints: readonly Footprint[]): number[] => footprints.map((_, i) => i);

describe('nextWave', () => {
  it('takes every firmware change of distinct customers and supplier changes of distinct suppliers', () => {
    const run = [changed('a'), changed('b'), supplier('s'), supplier('t'), changed('c')];
    expect(nextWave(run, all(run))).toEqual([0, 1, 2, 3, 4]);
  });

  it("leaves a customer's second event for a later wave and takes the independent events after it", () => {
    const run = [changed('a'), observed('b'), changed('a'), changed('c'), changed('a')];
    expect(nextWave(run, all(run))).toEqual([0, 1, 3]);
    expect(nextWave(run, [2, 4])).toEqual([2]);
  });

  it('takes nothing past a waiting supplier change: planning it may reach any later customer', () => {
    const run = [supplier('s'), changed('a'), supplier('s'), supplier('t'), changed('z')];
    expect(nextWave(run, all(run))).toEqual([0, 1]);
    expect(nextWave(run, [2, 3, 4])).toEqual([2, 3, 4]);
  });

  it('keeps a firmware snapshot (it writes a fleet) apart from supplier changes (they read every fleet)', () => {
    const snapshotFirst = [observed('a'), changed('b'), supplier('s'), changed('c')];
    expect(nextWave(snapshotFirst, all(snapshotFirst))).toEqual([0, 1]);
    const supplierFirst = [supplier('s'), changed('b'), observed('a'), changed('c')];
    expect(nextWave(supplierFirst, all(supplierFirst))).toEqual([0, 1, 3]);
  });

  it('holds back what depends on an event left waiting, though nothing in the wave conflicts with it', () => {
    // The second change of `a` waits, so the snapshot of `a` after it waits too; `b` goes ahead.
    const run = [changed('a'), changed('a'), observed('a'), changed('b')];
    expect(nextWave(run, all(run))).toEqual([0, 3]);
    // A waiting snapshot holds back a later supplier change (it would change the fleets it reads).
    const snapshots = [observed('a'), observed('a'), supplier('s'), changed('c')];
    expect(nextWave(snapshots, all(snapshots))).toEqual([0]);
  });

  it('hands a fan-out event a wave of its own and takes nothing from past it', () => {
    const run = [alone, changed('a')];
    expect(nextWave(run, all(run))).toEqual([0]);
    const later = [changed('a'), changed('a'), changed('b'), alone, changed('c')];
    expect(nextWave(later, all(later))).toEqual([0, 2]);
    expect(nextWave(later, [1, 3, 4])).toEqual([1]);
    expect(nextWave(later, [3, 4])).toEqual([3]);
  });

  it('always takes the first pending event, and nothing when none is pending', () => {
    expect(nextWave([changed('a')], [0])).toEqual([0]);
    expect(nextWave([changed('a')], [])).toEqual([]);
  });
});

describe('disjointSubset', () => {
  const touch = (customerIds: string[], sharedIds: string[] = []) => ({ customerIds, sharedIds });

  it('takes every plan when none shares a customer or a shared factor', () => {
    expect(disjointSubset([touch(['a']), touch(['b', 'c']), touch([], ['f1'])])).toEqual([0, 1, 2]);
  });

  it('leaves out a plan touching a customer an earlier one touches, and takes the disjoint ones after it', () => {
    expect(disjointSubset([touch(['a']), touch(['b']), touch(['c', 'a']), touch(['d'])])).toEqual([0, 1, 3]);
  });

  it('leaves out a plan touching what an earlier plan left out touches', () => {
    // `c` waits for the second plan (it overlaps the first on `a`): the fourth may not overtake it there.
    expect(disjointSubset([touch(['a']), touch(['a', 'c']), touch(['b']), touch(['c'])])).toEqual([0, 2]);
  });

  it('leaves out a plan writing a shared factor an earlier one writes', () => {
    expect(disjointSubset([touch(['a'], ['f1']), touch(['b'], ['f1'])])).toEqual([0]);
  });

  it('counts plans that touch nothing as applying with the others', () => {
    expect(disjointSubset([touch([]), touch(['a']), touch([])])).toEqual([0, 1, 2]);
  });

  it('takes the first plan even alone, and nothing of an empty list', () => {
    expect(disjointSubset([touch(['a']), touch(['a'])])).toEqual([0]);
    expect(disjointSubset([])).toEqual([]);
  });
});
