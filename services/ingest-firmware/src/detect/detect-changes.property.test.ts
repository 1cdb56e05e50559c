import {
  COMPONENT_KINDS,
  FIRMWARE_SLOTS,
  firmwareChangedSchema,
  type FirmwareObserved,
  type ObservedComponent,
} from '@trustwatch/schemas';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCatalogLookup } from './catalog.js';
import { detectChanges } from './detect-changes.js';

const versionArb = fc
  .array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join('.'));
const hexArb = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });

const componentArb = (id: string): fc.Arbitrary<ObservedComponent> =>
  fc.record(
    {
      id: fc.constant(id),
      kind: fc.constantFrom(...COMPONENT_KINDS),
      slot: fc.constantFrom(...FIRMWARE_SLOTS),
      version: versionArb,
      softwareId: fc.uuid(),
      hash: hexArb.map((value) => ({ algorithm: 'sha256' as const, value })),
      lowestSupportedVersion: versionArb,
    },
    { requiredKeys: ['id', 'kind', 'slot', 'version'] },
  );

const snapshotArb: fc.Arbitrary<FirmwareObserved> = fc
  .uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,11}$/), { minLength: 1, maxLength: 12 })
  .chain((ids) => fc.tuple(...ids.map(componentArb)))
  .map((components) => ({
    customerId: 'cust-prop',
    assetId: 'asset-prop',
    vendor: 'Supermicro',
    model: 'X12',
    observedAt: '2026-01-05T10:00:00Z',
    source: { kind: 'agent' as const, collector: 'property-test' },
    components,
  }));

const catalogArb = fc.option(
  fc.array(
    fc.record({
      vendor: fc.constant('Supermicro'),
      component: fc.constantFrom(...COMPONENT_KINDS),
      version: versionArb,
    }),
  ),
  { nil: undefined },
);

describe('detectChanges properties', () => {
  it('never reports anything on the first sight of an asset', () => {
    fc.assert(
      fc.property(snapshotArb, catalogArb, (current, entries) => {
        const catalog = entries === undefined ? undefined : createCatalogLookup({ entries });
        expect(
          detectChanges({ previous: undefined, current, snapshotId: 's', ...(catalog ? { catalog } : {}) }),
        ).toEqual([]);
      }),
    );
  });

  it('reports nothing when a snapshot is compared with itself', () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        expect(detectChanges({ previous: snapshot, current: snapshot, snapshotId: 's' })).toEqual([]);
      }),
    );
  });

  it('reports nothing when only the order of the components changed', () => {
    fc.assert(
      fc.property(
        snapshotArb.chain((snapshot) =>
          fc.tuple(
            fc.constant(snapshot),
            fc.shuffledSubarray(snapshot.components, { minLength: snapshot.components.length }),
          ),
        ),
        ([snapshot, shuffled]) => {
          const current = { ...snapshot, components: shuffled };
          expect(detectChanges({ previous: snapshot, current, snapshotId: 's' })).toEqual([]);
        },
      ),
    );
  });

  it('reports the same changes whatever order either snapshot lists its components in', () => {
    fc.assert(
      fc.property(snapshotArb, snapshotArb, fc.infiniteStream(fc.nat()), (previous, current, seeds) => {
        const shuffle = <T>(items: readonly T[]): T[] =>
          items
            .map((item) => ({ item, key: seeds.next().value as number }))
            .sort((a, b) => a.key - b.key)
            .map(({ item }) => item);
        const direct = detectChanges({ previous, current, snapshotId: 's' });
        const reordered = detectChanges({
          previous: { ...previous, components: shuffle(previous.components) },
          current: { ...current, components: shuffle(current.components) },
          snapshotId: 's',
        });
        expect(reordered).toEqual(direct);
      }),
    );
  });

  it('emits only events the firmware.changed schema accepts when every component reports a digest', () => {
    const hashed = snapshotArb.map((snapshot) => ({
      ...snapshot,
      components: snapshot.components.map((c) => ({
        ...c,
        hash: c.hash ?? { algorithm: 'sha256' as const, value: '0'.repeat(64) },
      })),
    }));
    fc.assert(
      fc.property(hashed, hashed, catalogArb, (previous, current, entries) => {
        const catalog = entries === undefined ? undefined : createCatalogLookup({ entries });
        for (const event of detectChanges({
          previous,
          current,
          snapshotId: 's',
          ...(catalog ? { catalog } : {}),
        })) {
          expect(firmwareChangedSchema.safeParse(event).success).toBe(true);
        }
      }),
    );
  });
});
