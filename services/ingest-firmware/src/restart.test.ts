import { createMemoryTrustStore } from '@trustwatch/store';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBmc, type TestBmc } from './test-support/bmc-server.js';
import { DMTF_BMC_MEMBER, dmtfRoutes, endpointFor, fixture } from './test-support/bmcs.js';
import { startHarness, waitFor, type IngestHarness } from './test-support/ingest-harness.js';

let bmc: TestBmc | undefined;
let running: IngestHarness | undefined;
afterEach(async () => {
  await running?.stop();
  await bmc?.close();
  running = undefined;
  bmc = undefined;
});

describe('firmware ingest restarted on the same store', () => {
  it('reports a BMC upgrade made while the ingest was down instead of taking it as a new baseline', async () => {
    const store = createMemoryTrustStore();
    bmc = await startTestBmc(dmtfRoutes());
    const endpoints = [endpointFor('bmc-1', bmc.baseUrl)];
    const first = await startHarness(endpoints, { store });
    running = first;
    await first.pollAndSettle();
    expect(first.ingest.metrics()).toMatchObject({ baselines: 1, changes: 0 });
    await first.stop();
    running = undefined;

    bmc.routes[DMTF_BMC_MEMBER] = fixture('dmtf-bmc-upgrade.json');
    // A new instance with nothing in its own memory: only the store remembers the baseline.
    const second = await startHarness(endpoints, { store });
    running = second;
    await second.pollAndSettle();
    expect(second.ingest.metrics()).toMatchObject({ baselines: 0, compared: 1, changes: 1 });
    await waitFor('the change', () => second.changes.length === 1);
    expect(second.changes[0]?.data).toMatchObject({
      assetId: 'asset-bmc-1',
      change: 'upgrade',
      before: { version: '1.45.455b66-rev4' },
      after: { version: '1.46.512c01-rev1' },
    });
  });
});
