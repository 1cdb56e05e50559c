import type { Factor } from '@trustwatch/schemas';
import { importFleet } from '@trustwatch/store';
import { loadPolicy } from '@trustwatch/trust-engine';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDemoScenario, type DemoScenario } from '../demo/scenario.js';
import { silentLog } from '../test-support/capture.js';
import { EmbeddedPipeline } from './embedded-pipeline.js';

/** The demo timeline on the embedded pipeline, stopped after the first step whose headline matches `until`. */
async function playUntil(until: RegExp): Promise<{ pipeline: EmbeddedPipeline; scenario: DemoScenario }> {
  const scenario = loadDemoScenario();
  const pipeline = await EmbeddedPipeline.start({
    policy: await loadPolicy(),
    log: silentLog,
    start: scenario.start,
  });
  running = pipeline;
  for (const fleet of scenario.fleets) {
    await importFleet(
      pipeline.store,
      fleet.customerId,
      { format: 'json', document: fleet.document },
      scenario.start,
    );
  }
  for (const link of scenario.suppliers) await pipeline.store.linkSupplier(link, true);
  for (const step of scenario.steps) {
    await pipeline.play(step.at, step.events);
    if (until.test(step.headline)) return { pipeline, scenario };
  }
  throw new Error(`no step matches ${String(until)}`);
}

let running: EmbeddedPipeline | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const advisory = async (
  pipeline: EmbeddedPipeline,
  customerId: string,
  id: string,
): Promise<Factor | undefined> =>
  (await pipeline.store.getFactors(customerId)).find(
    (f) => f.kind === 'advisory_exposure' && f.details?.advisoryId === id,
  );

describe('the demo BMC advisories, matched against the sample fleets', () => {
  it('exposes exactly the X12DPG-OA6 boards on BMC 1.04.16 to CVE-2024-10237', async () => {
    const { pipeline } = await playUntil(/^CVE-2024-10237/);
    // Brightwater: bw-x12-1 and bw-x12-2 of 8 servers (4 Super Micro); Northwind: nw-x12-1 of 6
    // (3 Super Micro), since nw-x12-2 already runs 1.04.18. The X11 and X13 boards are not in the record.
    expect(await advisory(pipeline, 'brightwater-bank', 'CVE-2024-10237')).toMatchObject({
      status: 'active',
      exposure: 2 / 8,
      vendorExposure: 2 / 4,
    });
    expect(await advisory(pipeline, 'northwind-analytics', 'CVE-2024-10237')).toMatchObject({
      status: 'active',
      exposure: 1 / 6,
      vendorExposure: 1 / 3,
    });
    expect(await advisory(pipeline, 'kestrel-media', 'CVE-2024-10237')).toBeUndefined();
    expect(await advisory(pipeline, 'tallgrass-health', 'CVE-2024-10237')).toBeUndefined();
  });

  it('resolves CVE-2024-10237 once the last affected board is upgraded, and not before', async () => {
    const { pipeline } = await playUntil(/^bw-x12-1: BMC upgraded/);
    expect(await advisory(pipeline, 'brightwater-bank', 'CVE-2024-10237')).toMatchObject({
      status: 'active',
      exposure: 1 / 8,
    });
    for (const step of loadDemoScenario().steps.filter((s) =>
      /^(bw-x12-2|nw-x12-1): BMC upgraded/.test(s.headline),
    )) {
      await pipeline.play(step.at, step.events);
    }
    expect(await advisory(pipeline, 'brightwater-bank', 'CVE-2024-10237')).toMatchObject({
      status: 'resolved',
      resolvedAt: '2025-03-03T10:30:00.000Z',
    });
    expect((await advisory(pipeline, 'northwind-analytics', 'CVE-2024-10237'))?.status).toBe('resolved');
  });

  it('exposes the X13SEM-F board to CVE-2025-6198 and nothing else', async () => {
    const { pipeline, scenario } = await playUntil(/^CVE-2025-6198/);
    const exposed: string[] = [];
    for (const { customerId } of scenario.fleets) {
      if (await advisory(pipeline, customerId, 'CVE-2025-6198')) exposed.push(customerId);
    }
    expect(exposed).toEqual(['kestrel-media']);
    expect(await advisory(pipeline, 'kestrel-media', 'CVE-2025-6198')).toMatchObject({
      exposure: 1 / 4,
      vendorExposure: 1,
    });
  });
});
