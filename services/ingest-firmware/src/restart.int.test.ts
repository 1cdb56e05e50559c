import { createKafkaBus, type EventBus } from '@trustwatch/bus';
import { openRedisTrustStore, type TrustStore } from '@trustwatch/store';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestBmc, type TestBmc } from './test-support/bmc-server.js';
import { DMTF_BMC_MEMBER, dmtfRoutes, endpointFor, fixture } from './test-support/bmcs.js';
import { silentLog, startHarness, waitFor } from './test-support/ingest-harness.js';

// Consumer groups join in seconds on a real broker; every wait below allows for that.
const KAFKA_WAIT_MS = 60_000;

/** One ingest process's own connections: a fresh Kafka client and Redis client on shared names. */
async function connect(namespace: string, prefix: string): Promise<{ bus: EventBus; store: TrustStore }> {
  const { kafkaBrokers, redisUrl } = integrationTargets();
  const bus = createKafkaBus({
    brokers: kafkaBrokers,
    clientId: uniqueName('ingest-firmware-restart'),
    namespace,
    logger: silentLog,
  });
  const store = await openRedisTrustStore({ url: redisUrl, prefix, checkDurability: false });
  return { bus, store };
}

describe('firmware ingest restarted on the real Kafka broker and Redis', () => {
  const namespace = `${uniqueName('fw-restart')}.`;
  const prefix = uniqueName('twtest-fw-restart');
  const customerId = uniqueName('cust-fw-restart');
  const groupPrefix = uniqueName('fw-restart');
  const opened: { bus: EventBus; store: TrustStore }[] = [];
  let bmc: TestBmc | undefined;

  afterAll(async () => {
    await bmc?.close();
    await opened[0]?.bus.deleteTopics();
  }, 120_000);

  it('reports a BMC upgrade made while the ingest was down, from the baseline kept in Redis', async () => {
    bmc = await startTestBmc(dmtfRoutes());
    const endpoints = [endpointFor('bmc-1', bmc.baseUrl, { customerId })];
    const before = await connect(namespace, prefix);
    opened.push(before);
    const first = await startHarness(endpoints, { ...before, groupPrefix, timeoutMs: KAFKA_WAIT_MS });
    await first.pollAndSettle();
    expect(first.ingest.metrics()).toMatchObject({ baselines: 1, changes: 0 });
    await first.stop();
    await before.bus.close();
    await before.store.close();

    bmc.routes[DMTF_BMC_MEMBER] = fixture('dmtf-bmc-upgrade.json');
    const after = await connect(namespace, prefix);
    opened.push(after);
    const second = await startHarness(endpoints, { ...after, groupPrefix, timeoutMs: KAFKA_WAIT_MS });
    try {
      await second.pollAndSettle();
      expect(second.ingest.metrics()).toMatchObject({ baselines: 0, compared: 1, changes: 1 });
      await waitFor('the firmware.changed record', () => second.changes.length === 1, KAFKA_WAIT_MS);
      expect(second.changes[0]?.data).toMatchObject({
        customerId,
        assetId: 'asset-bmc-1',
        change: 'upgrade',
        after: { version: '1.46.512c01-rev1' },
      });
    } finally {
      await second.stop();
      await after.bus.close();
      await after.store.close();
    }
  }, 180_000);
});
