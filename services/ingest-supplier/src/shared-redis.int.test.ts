import type { ConsumerHandle, DeliveredRecord, EventBus } from '@trustwatch/bus';
import { decodeBinary, decodeEvent } from '@trustwatch/schemas';
import type { TrustStore } from '@trustwatch/store';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileOutcome } from './service/ingest-files.js';
import { createRedisSupplierSnapshots } from './service/redis-snapshot-state.js';
import { fixture } from './test-support/files.js';
import { testIngestRedis, type TestIngestRedis } from './test-support/redis-snapshots.js';
import { openSupplierInfra, watchSupplierChanged, type SupplierInfra } from './test-support/shared-infra.js';
import { startHarness, waitFor, type SupplierHarness } from './test-support/supplier-harness.js';

// Consumer groups join in seconds on a real broker; every wait below allows for that.
const KAFKA_WAIT_MS = 60_000;
const FILES = [
  'bom/pcie-sata-adapter-board.v1.bom.json',
  'bom/pcie-sata-adapter-board.v2.bom.json',
  'registry/supermicro-2018-06-30.csv',
  'registry/supermicro-2019-01-31.json',
];
// Runs in which the two instances race over the same files; each one starts from empty state.
const ROUNDS = 3;

function changeOf(record: DeliveredRecord): string {
  const data = decodeEvent(decodeBinary(record)).data as {
    supplierId: string;
    change: string;
    toCountry?: string;
  };
  return `${data.supplierId} ${data.change} ${data.toCountry ?? ''}`;
}

describe('two supplier ingest instances sharing Redis state', () => {
  let bus: EventBus;
  let store: TrustStore & { isReady(): boolean };
  let infra: SupplierInfra;
  let state: TestIngestRedis;
  let watcher: ConsumerHandle;
  const records: DeliveredRecord[] = [];

  beforeAll(async () => {
    infra = await openSupplierInfra('sup-shared');
    ({ bus, store } = infra);
    state = await testIngestRedis();
    await bus.ensureTopics(['supplier.changed']);
    watcher = await watchSupplierChanged(bus, 'sup-shared', records);
  }, 120_000);

  afterAll(async () => {
    await watcher.stop();
    await infra.close();
    await state.cleanup();
  }, 120_000);

  it('publishes each change once when both scan the same files at the same time', async () => {
    let expected = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const dir = await mkdtemp(join(tmpdir(), 'ingest-supplier-shared-'));
      const instances: SupplierHarness[] = [
        await startHarness({
          bus,
          store,
          dir,
          snapshots: createRedisSupplierSnapshots(state.store(), { owner: 'a' }),
        }),
        await startHarness({
          bus,
          store,
          dir,
          snapshots: createRedisSupplierSnapshots(state.sameStore(), { owner: 'b' }),
        }),
      ];
      try {
        for (const path of FILES) await instances[0]?.add(path, fixture(path));
        // A file one instance found claimed is deferred there and handled by the next scan.
        let outcomes: FileOutcome[] = [];
        for (let scan = 0; scan < 5; scan += 1) {
          outcomes = (await Promise.all(instances.map((i) => i.ingest.scanOnce()))).flat();
          if (!outcomes.some((o) => o.status === 'deferred')) break;
        }
        expect(outcomes.filter((o) => o.status === 'deferred')).toEqual([]);
        const published = instances.flatMap((i) => i.bus.published);
        expect(published).toHaveLength(2);
        expect(new Set(published.map(({ event }) => event.id)).size).toBe(2);
        expected += 2;
      } finally {
        for (const instance of instances) await instance.stop();
        await rm(dir, { recursive: true, force: true });
      }
    }
    await waitFor('the supplier.changed records', () => records.length >= expected, KAFKA_WAIT_MS);
    expect(records).toHaveLength(expected);
    const counts = new Map<string, number>();
    for (const change of records.map(changeOf)) counts.set(change, (counts.get(change) ?? 0) + 1);
    // Two distinct changes (the BOM relocation and the OSE move), each once per round.
    expect(counts.size).toBe(2);
    expect([...counts.values()]).toEqual([ROUNDS, ROUNDS]);
    expect(counts.get('supplier:ose relocated TW')).toBe(ROUNDS);
  }, 180_000);
});
