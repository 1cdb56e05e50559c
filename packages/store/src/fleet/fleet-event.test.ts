import { readFileSync } from 'node:fs';
import { publicDataPath } from '@trustwatch/testing';
import { describe, expect, it } from 'vitest';
import { createMemoryTrustStore } from '../memory/memory-store.js';
import { fleetChangedEventOf } from './fleet-event.js';
import { importFleet } from './import-fleet.js';

const bom: unknown = JSON.parse(
  readFileSync(publicDataPath('cyclonedx', 'bom-examples', 'HBOM-PCIe-SATA-adapter-board.bom.json'), 'utf8'),
);
const HEADER = 'asset_id,vendor,model,component_id,component_kind,version,hashes\n';
const source = 'trustwatch://test/fleet';

describe('fleetChangedEventOf', () => {
  it('describes the import of the real CycloneDX example: counts and vendors, keyed by customer', async () => {
    const store = createMemoryTrustStore();
    const change = await importFleet(store, 'acme', { format: 'cyclonedx', document: bom }, 1641729600000);
    const at = Date.parse('2026-11-24T09:00:00Z');
    const event = fleetChangedEventOf(change, { version: 1641729600000, source, at, format: 'cyclonedx' });
    expect(event?.data).toEqual({
      customerId: 'acme',
      fleetVersion: 1641729600000,
      importedAt: '2026-11-24T09:00:00.000Z',
      format: 'cyclonedx',
      added: 6,
      removed: 0,
      changed: 0,
      vendorsAffected: ['3M', 'Molex', 'Multicomp', 'Samtec', 'TE Connectivity'],
    });
    expect(event?.partitionkey).toBe('acme');
    expect(event?.time).toBe('2026-11-24T09:00:00.000Z');
  });

  it('returns null for an import refused as older than the stored fleet', async () => {
    const store = createMemoryTrustStore();
    await importFleet(store, 'c1', { format: 'csv', text: `${HEADER}a,V,M,BMC,bmc,1,\n` }, 10);
    const refused = await importFleet(store, 'c1', { format: 'csv', text: `${HEADER}b,V,M,BMC,bmc,1,\n` }, 5);
    expect(fleetChangedEventOf(refused, { version: 5, source, at: 0 })).toBeNull();
  });

  it('gives a retried import the same id and a different import under the same version another', async () => {
    const first = createMemoryTrustStore();
    const second = createMemoryTrustStore();
    const csv = (asset: string) => ({ format: 'csv', text: `${HEADER}${asset},V,M,BMC,bmc,1,\n` }) as const;
    const a = await importFleet(first, 'c1', csv('a'), 7);
    const again = await importFleet(second, 'c1', csv('a'), 7);
    const other = await importFleet(createMemoryTrustStore(), 'c1', csv('b'), 7);
    const id = (change: typeof a, at: number) => fleetChangedEventOf(change, { version: 7, source, at })?.id;
    expect(id(a, 1)).toBe(id(again, 2));
    expect(id(a, 1)).not.toBe(id(other, 1));
  });
});
