import type { ConsumerHandle, DeliveredRecord, EventBus } from '@trustwatch/bus';
import { decodeBinary, decodeEvent } from '@trustwatch/schemas';
import type { TrustStore } from '@trustwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './test-support/files.js';
import { openSupplierInfra, watchSupplierChanged, type SupplierInfra } from './test-support/shared-infra.js';
import { startHarness, waitFor, type SupplierHarness } from './test-support/supplier-harness.js';

// Consumer groups join in seconds on a real broker; every wait below allows for that.
const KAFKA_WAIT_MS = 60_000;
const BEFORE = 'registry/supermicro-2018-06-30.csv';
const AFTER = 'registry/supermicro-2019-01-31.json';

describe('supplier ingest from files to the real Kafka broker and Redis', () => {
  let bus: EventBus;
  let store: TrustStore & { isReady(): boolean };
  let infra: SupplierInfra;
  let harness: SupplierHarness;
  let watcher: ConsumerHandle;
  const records: DeliveredRecord[] = [];

  beforeAll(async () => {
    infra = await openSupplierInfra('sup');
    ({ bus, store } = infra);
    harness = await startHarness({ bus, store });
    watcher = await watchSupplierChanged(bus, 'sup', records);
  }, 120_000);

  afterAll(async () => {
    await harness.stop();
    await watcher.stop();
    await infra.close();
  }, 120_000);

  it('turns the OSE move into one supplier.changed record keyed by vendor while a bad file publishes nothing', async () => {
    await harness.add(BEFORE, fixture(BEFORE));
    expect(await harness.ingest.scanOnce()).toMatchObject([{ status: 'baseline' }]);
    const after = fixture(AFTER).text;
    await harness.add('registry/supermicro-2019-02-28.json', after.slice(0, after.length - 40));
    await harness.add(AFTER, after);
    const outcomes = await harness.ingest.scanOnce();
    expect(outcomes.map((o) => o.status).sort()).toEqual(['applied', 'refused']);

    await waitFor('the supplier.changed record', () => records.length >= 1, KAFKA_WAIT_MS);
    // Every publish resolves only once the broker acknowledged it: this is all that was sent.
    expect(harness.bus.published).toHaveLength(1);
    expect(records).toHaveLength(1);
    const record = records[0] as DeliveredRecord;
    const event = decodeEvent(decodeBinary(record));
    expect(event.type).toBe('com.trustwatch.supplier.changed.v1');
    expect(event.data).toMatchObject({
      vendorId: 'vendor:supermicro',
      supplierId: 'supplier:ose',
      change: 'relocated',
      fromCountry: 'CN',
      toCountry: 'TW',
      effectiveDate: '2018-10-01',
    });
    expect(record.key).toBe('vendor:supermicro');
    const buyers = await store.vendorsOfSupplier('supplier:ose', 'motherboard');
    expect(buyers.map((link) => link.vendorId)).toEqual(['vendor:supermicro']);
  }, 120_000);
});
