import { describe, expect, it } from 'vitest';
import { createEvent } from '../registry/registry.js';
import { hbomFleetImport } from './fixtures/examples.js';
import { fleetChangedSchema } from './fleet-changed.js';

function paths(data: unknown): string[] {
  const result = fleetChangedSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('fleet.changed', () => {
  it('accepts the import of the CycloneDX HBOM example, keyed by customer', () => {
    const event = createEvent({
      type: 'com.trustwatch.fleet.changed.v1',
      source: 'trustwatch://api/fleet',
      id: 'fleet-acme-1',
      time: '2026-11-24T09:00:00Z',
      data: hbomFleetImport(),
    });
    expect(event.data).toEqual(hbomFleetImport());
    expect(event.partitionkey).toBe('cust-acme');
  });

  it('rejects a fractional or negative fleet version and negative counts', () => {
    expect(paths({ ...hbomFleetImport(), fleetVersion: 1.5 })).toEqual(['fleetVersion']);
    expect(paths({ ...hbomFleetImport(), fleetVersion: -1, removed: -2 })).toEqual([
      'fleetVersion',
      'removed',
    ]);
  });

  it('rejects an unknown format and a customer id that cannot be a partition key', () => {
    expect(paths({ ...hbomFleetImport(), format: 'xlsx' })).toEqual(['format']);
    expect(paths({ ...hbomFleetImport(), customerId: 'acme corp' })).toEqual(['customerId']);
  });
});
