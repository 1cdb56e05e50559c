import { DLQ_HEADERS } from '@trustwatch/bus';
import type { FirmwareObserved } from '@trustwatch/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotRecord, startHarness, waitFor, type IngestHarness } from '../test-support/ingest-harness.js';

let harness: IngestHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const snapshot = (observedAt: string, version: string): FirmwareObserved => ({
  customerId: 'cust-dlq',
  assetId: 'asset-1',
  vendor: 'Supermicro',
  model: 'X12DPi-N6',
  observedAt,
  source: { kind: 'cmdb', collector: 'cmdb-export' },
  components: [{ id: 'BMC', kind: 'bmc', slot: 'active', version }],
});

describe('snapshots published directly to firmware.observed', () => {
  it('dead-letters a snapshot that breaks the schema and keeps handling the next ones', async () => {
    harness = await startHarness([]);
    const poison = snapshotRecord(snapshot('2026-01-05T10:00:00Z', '01.03.18'));
    const data = JSON.parse(poison.value.toString()) as Record<string, unknown>;
    poison.value = Buffer.from(JSON.stringify({ ...data, components: [] }));
    await harness.bus.publishRaw('firmware.observed', [
      poison,
      snapshotRecord(snapshot('2026-01-05T11:00:00Z', '01.03.18')),
      snapshotRecord(snapshot('2026-01-05T12:00:00Z', '01.04.02')),
    ]);
    await harness.handled(2);
    const h = harness;
    await waitFor('the dead letter', () => h.deadLetters.length === 1);
    await waitFor('the change', () => h.changes.length === 1);
    expect(h.deadLetters[0]?.headers[DLQ_HEADERS.reason]).toBe('SCHEMA_VIOLATION');
    expect(h.changes.map((c) => c.data.change)).toEqual(['upgrade']);
  });

  it('ignores a snapshot older than the one it holds for the asset', async () => {
    harness = await startHarness([]);
    await harness.bus.publishRaw('firmware.observed', [
      snapshotRecord(snapshot('2026-01-05T12:00:00Z', '01.04.02')),
      snapshotRecord(snapshot('2026-01-05T10:00:00Z', '01.03.18')),
    ]);
    await harness.handled(2);
    expect(harness.ingest.metrics()).toMatchObject({ baselines: 1, stale: 1, changes: 0 });
    const kept = await harness.store.getAssetSnapshot(
      'cust-dlq',
      snapshot('2026-01-05T12:00:00Z', '').assetId,
    );
    expect(kept?.snapshot.components[0]?.version).toBe('01.04.02');
  });
});
