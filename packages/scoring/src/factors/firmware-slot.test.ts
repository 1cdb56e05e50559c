import type { Factor, FactorKind } from '@trustwatch/schemas';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../policy/parse-policy.js';
import { DEFAULT_POLICY_URL } from '../policy/default-policy.js';
import { scoreAt } from '../model/score.js';
import { firmwareFactors } from './firmware.js';
import { SLOT_IMAGE_KINDS, slotChangeWrites, type SlotLocation } from './firmware-slot.js';

const policy = parsePolicy(readFileSync(DEFAULT_POLICY_URL, 'utf8'));
const slot: SlotLocation = { customerId: 'acme', assetId: 'sm-1', component: 'bmc', slot: 'active' };
const EPOCH = Date.parse('2025-03-01T00:00:00Z');

/** One change of the slot: its instant and the kinds it found (none for an upgrade to a published build). */
interface SlotChange {
  readonly at: string;
  readonly kinds: readonly FactorKind[];
  readonly image: string;
}

function findings(change: SlotChange): Factor[] {
  return firmwareFactors(
    {
      eventId: `fw-${change.at}`,
      customerId: slot.customerId,
      assetId: slot.assetId,
      vendorId: 'supermicro',
      component: slot.component,
      occurredAt: change.at,
      change: { fromVersion: '1.04.16', toVersion: change.image, slot: slot.slot },
      exposure: 0.125,
      vendorExposure: 0.2,
      kinds: change.kinds,
    },
    policy,
  );
}

/**
 * A customer's factors as the trust store keeps them: each write carries its change's instant, and a
 * write older than the last one stored under the same id is skipped (the store's version check).
 */
class SlotStore {
  private readonly factors = new Map<string, { factor: Factor; version: number }>();

  apply(change: SlotChange): void {
    const version = Date.parse(change.at);
    const writes = slotChangeWrites(this.list(), findings(change), slot, change.at);
    for (const factor of writes) {
      const known = this.factors.get(factor.id);
      if (known === undefined || known.version <= version) this.factors.set(factor.id, { factor, version });
    }
  }

  list(): Factor[] {
    return [...this.factors.values()].map((e) => e.factor).sort((a, b) => (a.id < b.id ? -1 : 1));
  }
}

function replay(changes: readonly SlotChange[]): Factor[] {
  const store = new SlotStore();
  for (const change of changes) store.apply(change);
  return store.list();
}

const at = (minutes: number) => new Date(EPOCH + minutes * 60_000).toISOString();

describe('slotChangeWrites', () => {
  it('keeps one factor however often the slot is flashed with unknown images', () => {
    const changes = Array.from({ length: 200 }, (_, i) => ({
      at: at(i),
      kinds: ['firmware_unknown_build'] as const,
      image: `1.04.${String(i)}`,
    }));
    const factors = replay(changes);
    expect(factors).toHaveLength(1);
    expect(factors[0]?.occurredAt).toBe(at(199));
    expect(factors[0]?.status).toBe('active');
  });

  it('ends an unknown build when the slot is flashed with a published build, and keeps it counting before', () => {
    const factors = replay([
      { at: at(0), kinds: ['firmware_unknown_build'], image: '1.04.99' },
      { at: at(60), kinds: [], image: '1.04.18' },
    ]);
    expect(factors.map((f) => [f.kind, f.status, f.resolvedAt])).toEqual([
      ['firmware_unknown_build', 'resolved', at(60)],
    ]);
    expect(scoreAt(factors, at(90), policy)).toBe(policy.baseline);
    expect(scoreAt(factors, at(30), policy)).toBeLessThan(policy.baseline);
  });

  it('ends the previous image finding of another kind, but not a component that appeared', () => {
    const factors = replay([
      { at: at(0), kinds: ['firmware_component_added', 'firmware_unknown_build'], image: '1.04.99' },
      { at: at(10), kinds: ['firmware_downgrade'], image: '1.04.10' },
    ]);
    const byKind = new Map(factors.map((f) => [f.kind, f]));
    expect(byKind.get('firmware_unknown_build')?.resolvedAt).toBe(at(10));
    expect(byKind.get('firmware_downgrade')?.status).toBe('active');
    expect(byKind.get('firmware_component_added')?.status).toBe('active');
  });

  it('lets a late report of an older image lose to what the store already knows', () => {
    const late = { at: at(5), kinds: ['firmware_unknown_build'] as const, image: '1.04.98' };
    const inOrder = replay([late, { at: at(10), kinds: ['firmware_unknown_build'], image: '1.04.99' }]);
    const reversed = replay([{ at: at(10), kinds: ['firmware_unknown_build'], image: '1.04.99' }, late]);
    expect(reversed).toEqual(inOrder);
    expect(reversed[0]?.details?.toVersion).toBe('1.04.99');
  });

  it('resolves a late finding at the upgrade the store already recorded after it', () => {
    const factors = replay([
      { at: at(0), kinds: ['firmware_unknown_build'], image: '1.04.97' },
      { at: at(20), kinds: [], image: '1.04.18' },
      { at: at(10), kinds: ['firmware_downgrade'], image: '1.04.10' },
    ]);
    const downgrade = factors.find((f) => f.kind === 'firmware_downgrade');
    expect(downgrade?.resolvedAt).toBe(at(20));
  });

  it('counts the same whatever order changes that each find something arrive in, and however often', () => {
    const kinds: FactorKind[] = [...SLOT_IMAGE_KINDS, 'firmware_component_added'];
    const change = fc.record({
      minute: fc.integer({ min: 0, max: 10_000 }),
      kinds: fc.uniqueArray(fc.constantFrom(...kinds), { minLength: 1, maxLength: 3 }),
      image: fc.constantFrom('1.04.10', '1.04.16', '1.04.99'),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(change, { minLength: 1, maxLength: 8, selector: (c) => c.minute }),
        fc.array(fc.nat()),
        fc.array(fc.nat(), { maxLength: 4 }),
        (drawn, shuffle, repeats) => {
          const changes: SlotChange[] = drawn.map((c) => ({
            at: at(c.minute),
            kinds: c.kinds,
            image: c.image,
          }));
          const inOrder = [...changes].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
          const arrival = [...changes];
          shuffle.forEach((n, i) => {
            const j = n % arrival.length;
            const k = i % arrival.length;
            [arrival[j], arrival[k]] = [arrival[k] as SlotChange, arrival[j] as SlotChange];
          });
          for (const n of repeats)
            arrival.splice(n % (arrival.length + 1), 0, arrival[n % arrival.length] as SlotChange);
          const expected = replay(inOrder);
          const actual = replay(arrival);
          const end = at(20_000);
          expect(scoreAt(actual, end, policy)).toBe(scoreAt(expected, end, policy));
          const counting = (fs: Factor[]) => fs.filter((f) => f.status === 'active').map((f) => f.id);
          expect(counting(actual)).toEqual(counting(expected));
          expect(actual.length).toBeLessThanOrEqual(kinds.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
