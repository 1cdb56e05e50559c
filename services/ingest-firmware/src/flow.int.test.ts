import { createKafkaBus, DLQ_HEADERS, type EventBus } from '@trustwatch/bus';
import type { FirmwareObserved } from '@trustwatch/schemas';
import { openRedisTrustStore, type TrustStore } from '@trustwatch/store';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBmc, type TestBmc } from './test-support/bmc-server.js';
import { DMTF_BMC_MEMBER, dmtfRoutes, endpointFor, fixture } from './test-support/bmcs.js';
import {
  silentLog,
  snapshotRecord,
  startHarness,
  waitFor,
  type IngestHarness,
} from './test-support/ingest-harness.js';

// Consumer groups join in seconds on a real broker; every wait below allows for that.
const KAFKA_WAIT_MS = 60_000;

describe('firmware ingest on the real Kafka broker and Redis', () => {
  let bus: EventBus;
  let store: TrustStore & { isReady(): boolean };
  let bmc: TestBmc;
  let harness: IngestHarness;
  const customerId = uniqueName('cust-fw');

  beforeAll(async () => {
    const { kafkaBrokers, redisUrl } = integrationTargets();
    bus = createKafkaBus({
      brokers: kafkaBrokers,
      clientId: uniqueName('ingest-firmware-test'),
      namespace: `${uniqueName('fw')}.`,
      logger: silentLog,
    });
    store = await openRedisTrustStore({
      url: redisUrl,
      prefix: uniqueName('twtest-fw'),
      checkDurability: false,
    });
    bmc = await startTestBmc(dmtfRoutes());
    harness = await startHarness([endpointFor('bmc-1', bmc.baseUrl, { customerId })], {
      bus,
      store,
      groupPrefix: uniqueName('fw'),
      timeoutMs: KAFKA_WAIT_MS,
    });
  }, 120_000);

  afterAll(async () => {
    await harness.stop();
    await bmc.close();
    await bus.deleteTopics();
    await bus.close();
    await store.close();
  }, 120_000);

  it('turns a BMC upgrade seen by two polls into a firmware.changed record', async () => {
    await harness.pollAndSettle();
    expect(harness.ingest.metrics()).toMatchObject({ published: 1, baselines: 1 });
    bmc.routes[DMTF_BMC_MEMBER] = fixture('dmtf-bmc-upgrade.json');
    await harness.pollAndSettle();
    await waitFor('the firmware.changed record', () => harness.changes.length === 1, KAFKA_WAIT_MS);
    expect(harness.changes[0]?.data).toMatchObject({
      customerId,
      assetId: 'asset-bmc-1',
      component: { id: 'BMC', kind: 'bmc', slot: 'active' },
      change: 'upgrade',
      after: { version: '1.46.512c01-rev1' },
    });
    // The baseline for the next poll is the new snapshot; the fleet is the trust engine's to write.
    const kept = await store.getAssetSnapshot(customerId, 'asset-bmc-1');
    expect(kept?.snapshot.components.find((c) => c.id === 'BMC')?.version).toBe('1.46.512c01-rev1');
    expect(await store.getFleet(customerId)).toEqual([]);
  }, 120_000);

  it('dead-letters a poison firmware.observed record while the next one flows', async () => {
    const direct = (observedAt: string): FirmwareObserved => ({
      customerId,
      assetId: 'asset-direct',
      vendor: 'Supermicro',
      model: 'X12DPi-N6',
      observedAt,
      source: { kind: 'agent', collector: 'fleet-agent' },
      components: [{ id: 'BMC', kind: 'bmc', slot: 'active', version: '01.03.18' }],
    });
    const poison = snapshotRecord(direct('2026-01-05T10:00:00Z'));
    poison.value = Buffer.from('{"customerId":');
    const handledBefore = harness.ingest.metrics().baselines;
    await bus.publishRaw('firmware.observed', [poison, snapshotRecord(direct('2026-01-05T11:00:00Z'))]);
    await waitFor('the dead letter', () => harness.deadLetters.length === 1, KAFKA_WAIT_MS);
    await waitFor(
      'the next snapshot',
      () => harness.ingest.metrics().baselines === handledBefore + 1,
      KAFKA_WAIT_MS,
    );
    expect(harness.deadLetters[0]?.headers[DLQ_HEADERS.reason]).toBe('INVALID_JSON');
    expect(harness.deadLetters[0]?.headers[DLQ_HEADERS.topic]).toBe('firmware.observed');
  }, 120_000);
});
