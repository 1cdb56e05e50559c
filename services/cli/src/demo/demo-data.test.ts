import { describe, expect, it } from 'vitest';
import { loadDemoScenario } from './scenario.js';

describe('the demo data', () => {
  it('runs the real BMC versions of the CVE records on the Super Micro boards they name', () => {
    const boards = loadDemoScenario().fleets.flatMap((f) =>
      f.assets.map((a) => `${a.model} ${a.components.find((c) => c.kind === 'bmc')?.version ?? ''}`),
    );
    expect(boards).toContain('X12DPG-OA6 1.04.16');
    expect(boards).toContain('X13SEM-F 01.03.47');
  });

  it('turns every timeline step into input events with the ingesters, in time order', () => {
    const { steps } = loadDemoScenario();
    for (const step of steps) expect(step.events.length).toBeGreaterThan(0);
    expect(steps.map((s) => s.at)).toEqual([...steps.map((s) => s.at)].sort((a, b) => a - b));
    const swap = steps.flatMap((s) => s.events).find((e) => e.type === 'com.trustwatch.firmware.changed.v1');
    expect(swap?.data).toMatchObject({ assetId: 'bw-x11-1', change: 'image_swapped', knownGood: 'no' });
    const denials = steps
      .flatMap((s) => s.events)
      .flatMap((e) => (e.type === 'com.trustwatch.news.classified.v1' ? e.data.claims : []))
      .filter((c) => c.kind === 'denial' && c.entityId === 'vendor:supermicro');
    // Apple's, Amazon's and Super Micro's statements each answer the Bloomberg story.
    expect(denials.length).toBe(3);
    expect(new Set(denials.map((c) => c.answersStoryId)).size).toBe(1);
  });
});
