import type { SupplierChanged } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { runRegistryFiles } from '../run-files.js';
import { catalog, fixture } from '../test-support/files.js';
import { eventSource, supplierChangedEvent } from './events.js';

const [relocation] = runRegistryFiles(
  [fixture('registry/supermicro-2018-06-30.csv'), fixture('registry/supermicro-2019-01-31.json')],
  { catalog },
).changes;

function change(): SupplierChanged {
  if (relocation === undefined) throw new Error('the OSE fixtures yield a relocation');
  return structuredClone(relocation);
}

describe('supplier.changed events', () => {
  it('are keyed by vendor id, dated by the effective day and sourced by input kind', () => {
    const event = supplierChangedEvent(change());
    expect(event.partitionkey).toBe(change().vendorId);
    expect(event.time).toBe(`${change().effectiveDate}T00:00:00Z`);
    expect(event.source).toBe(eventSource('registry'));
    expect(event.subject).toBe(change().supplierId);
  });

  it('get the same id when the same snapshot is published again, another for another snapshot', () => {
    const again = supplierChangedEvent(change());
    expect(again.id).toBe(supplierChangedEvent(change()).id);
    const later = {
      ...change(),
      source: { kind: 'registry' as const, reference: 'supermicro-2019-02-28.json' },
    };
    expect(supplierChangedEvent(later).id).not.toBe(again.id);
    expect(supplierChangedEvent({ ...change(), toCountry: 'VN' }).id).not.toBe(again.id);
  });
});
