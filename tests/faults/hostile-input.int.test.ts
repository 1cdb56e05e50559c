import { loadEntityCatalog, vendorIdResolver } from '@trustwatch/entities';
import { readFileSync } from 'node:fs';
import {
  TrustwatchError,
  type CloudEvent,
  type TrustwatchEvent,
  decodeEvent,
  firmwareObservedSchema,
} from '@trustwatch/schemas';
import { createMemoryTrustStore, assetsFromCycloneDx } from '@trustwatch/store';
import {
  IngestFirmwareError,
  RedfishClient,
  bmcEndpointSchema,
  readInventory,
} from '@trustwatch/ingest-firmware';
import { publicDataPath } from '@trustwatch/testing';
import {
  createMemoryAdvisoryCatalog,
  loadPolicy,
  planEvent,
  type PlanContext,
} from '@trustwatch/trust-engine';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, SIZES_IN_USE as SIZE } from './config.js';
import { generateEventSet } from './harness/event-set.js';
import { mutationsOf, serialise, Tally, type Json } from './harness/hostile.js';
import { LyingBmc, dmtfResources } from './harness/lying-bmc.js';
import { recordResult, type Figure } from './harness/results.js';
import { seedPortfolio } from './harness/state.js';

const startedAt = Date.now();
const LARGE_BOM_BUDGET_MS = 3_000;
let largeBomMs = 0;
const tallies = { planners: new Tally(), boms: new Tally(), redfish: new Tally() };
const set = generateEventSet(SEED + 8, 60, 6);
// A classified refusal: the project's own error, not retriable (retrying bad input cannot help).
const refused = (error: unknown) => error instanceof TrustwatchError && !error.retriable;

function timed<T>(run: () => T): { value?: T; error?: unknown; ms: number } {
  const start = performance.now();
  try {
    return { value: run(), ms: performance.now() - start };
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
}

/** Plans one accepted event and notes how the planner ended: planned, refused as classified, or crashed. */
async function planAndTally(event: Parameters<typeof planEvent>[0], ctx: PlanContext): Promise<void> {
  const start = performance.now();
  try {
    await planEvent(event, ctx);
    tallies.planners.note('accepted', performance.now() - start);
  } catch (error) {
    tallies.planners.note(refused(error) ? 'refused' : 'crashed', performance.now() - start, String(error));
  }
}

afterAll(() => {
  const crashed = Object.values(tallies).reduce((sum, t) => sum + t.endings.crashed, 0);
  const figures: Record<string, Figure> = Object.fromEntries(
    Object.entries(tallies).flatMap(([target, t]): [string, Figure][] => [
      [
        `${target}: accepted / refused / crashed`,
        `${String(t.endings.accepted)} / ${String(t.endings.refused)} / ${String(t.endings.crashed)}`,
      ],
      [`${target}: slowest call (ms)`, t.slowestMs],
    ]),
  );
  recordResult(
    {
      fault: '8-hostile-input',
      title: 'Hostile input: odd but valid events at the planners, BOMs and Redfish answers',
      criterion: 'every input accepted or refused with a classified non-retriable error; no crash, no hang',
      passed: crashed === 0 && largeBomMs < LARGE_BOM_BUDGET_MS,
      figures: {
        'fast-check runs per target': SIZE.propertyRuns,
        ...figures,
        'BOM of 10,000 devices read in (ms)': largeBomMs,
        'BOM budget (ms)': LARGE_BOM_BUDGET_MS,
      },
      notes: Object.entries(tallies).flatMap(([target, t]) => t.crashes.map((c) => `${target}: ${c}`)),
    },
    startedAt,
  );
});

describe('fault 8: hostile input', () => {
  let ctx: PlanContext;
  beforeAll(async () => {
    const store = createMemoryTrustStore();
    await seedPortfolio(store, set.portfolio);
    ctx = {
      store,
      policy: await loadPolicy(),
      advisories: createMemoryAdvisoryCatalog(),
      vendorIdOf: vendorIdResolver(loadEntityCatalog()),
    };
  });

  it(
    'plans every valid but unexpected event: unknown customers and assets, extreme instants, odd text',
    async () => {
      const valid = set.events.map(({ event }) => event);
      const instant = fc.date({
        min: new Date('1970-01-01T00:00:00Z'),
        max: new Date('9999-12-31T23:59:59Z'),
        noInvalidDate: true,
      });
      const oddText = fc.oneof(
        fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }),
        fc.constantFrom('__proto__', 'constructor', 'x'.repeat(200)),
      );
      const cases = fc.record({
        base: fc.constantFrom(...valid),
        customerId: fc.oneof(
          fc.constantFrom(...set.portfolio.customers.keys()),
          fc.stringMatching(/^[a-z][a-z0-9-]{0,40}$/),
        ),
        assetId: fc.stringMatching(/^[a-z][a-z0-9-]{0,40}$/),
        at: instant,
        text: oddText,
      });
      await fc.assert(
        fc.asyncProperty(cases, async ({ base, customerId, assetId, at, text }) => {
          const event = decodeEvent(base);
          const time = at.toISOString();
          let candidate: unknown;
          if (event.type === 'com.trustwatch.firmware.changed.v1') {
            candidate = {
              ...event,
              time,
              data: { ...event.data, customerId, assetId, observedAt: time, vendor: text },
            };
          } else if (event.type === 'com.trustwatch.news.classified.v1') {
            candidate = { ...event, time, data: { ...event.data, publishedAt: time, title: text } };
          } else {
            candidate = { ...event, time, data: { ...event.data, vendorName: text } };
          }
          let accepted: TrustwatchEvent;
          try {
            accepted = decodeEvent(candidate as CloudEvent);
          } catch (error) {
            // Odd text can still break a bound (a name over 200 characters): refused before planning.
            tallies.planners.note(refused(error) ? 'refused' : 'crashed', 0, String(error));
            return;
          }
          await planAndTally(accepted, ctx);
        }),
        { numRuns: SIZE.propertyRuns, seed: SEED },
      );
      expect(tallies.planners.endings.crashed).toBe(0);
      expect(tallies.planners.endings.accepted).toBeGreaterThan(0);
    },
    SIZE.timeoutMs,
  );

  it(
    'reads or refuses with a classified error every mutated, oversized or deeply nested BOM',
    () => {
      const bom = JSON.parse(
        readFileSync(
          publicDataPath('cyclonedx', 'bom-examples', 'HBOM-PCIe-SATA-adapter-board.bom.json'),
          'utf8',
        ),
      ) as Json;
      const readBom = (text: string) => {
        const result = timed(() => assetsFromCycloneDx(JSON.parse(text)));
        const ending =
          result.error === undefined ? 'accepted' : refused(result.error) ? 'refused' : 'crashed';
        tallies.boms.note(ending, result.ms, String(result.error));
      };
      fc.assert(
        fc.property(mutationsOf(bom), (doc) => readBom(serialise(doc))),
        { numRuns: SIZE.propertyRuns, seed: SEED },
      );
      // 10,000 devices (about 1 MB): a large fleet file, well under any upload limit. Schema validation
      // must stay linear in it; the bound is generous for two loaded cores.
      const devices = Array.from({ length: 10_000 }, (_, i) => ({
        type: 'device',
        'bom-ref': `d${String(i)}`,
        name: 'X12DPG-OA6',
        manufacturer: { name: 'Supermicro' },
      }));
      const large = timed(() =>
        assetsFromCycloneDx({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: devices }),
      );
      tallies.boms.note(
        large.error === undefined ? 'accepted' : refused(large.error) ? 'refused' : 'crashed',
        large.ms,
        String(large.error),
      );
      largeBomMs = Math.round(large.ms);
      expect(tallies.boms.endings.crashed).toBe(0);
      expect(largeBomMs).toBeLessThan(LARGE_BOM_BUDGET_MS);
    },
    SIZE.timeoutMs,
  );

  it(
    'reads or refuses with a classified error every lying Redfish service, within its time budget',
    async () => {
      const bmc = await LyingBmc.start();
      const resources = dmtfResources();
      const endpoint = bmcEndpointSchema.parse({
        id: 'liar',
        customerId: 'cust-000',
        assetId: 'liar-1',
        baseUrl: bmc.baseUrl,
        timeoutMs: 2_000,
      });
      const paths = [...resources.keys()];
      try {
        await fc.assert(
          fc.asyncProperty(
            fc
              .constantFrom(...paths)
              .chain((path) => mutationsOf(resources.get(path)!).map((doc) => ({ path, doc }))),
            async ({ path, doc }) => {
              for (const [route, body] of resources) bmc.bodies.set(route, JSON.stringify(body));
              bmc.bodies.set(path, serialise(doc));
              const start = performance.now();
              try {
                const reading = await readInventory(new RedfishClient(endpoint));
                const valid = firmwareObservedSchema.safeParse(reading.snapshot).success;
                tallies.redfish.note(
                  valid ? 'accepted' : 'crashed',
                  performance.now() - start,
                  'an invalid snapshot was returned',
                );
              } catch (error) {
                const classified = error instanceof IngestFirmwareError && !error.retriable;
                tallies.redfish.note(
                  classified ? 'refused' : 'crashed',
                  performance.now() - start,
                  String(error),
                );
              }
            },
          ),
          { numRuns: Math.min(SIZE.propertyRuns, 300), seed: SEED },
        );
      } finally {
        await bmc.close();
      }
      expect(tallies.redfish.endings.crashed).toBe(0);
      expect(tallies.redfish.slowestMs).toBeLessThan(10_000);
    },
    SIZE.timeoutMs,
  );
});
