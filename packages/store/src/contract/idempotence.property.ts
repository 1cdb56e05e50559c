import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { CustomerEffects, TrustStore } from '../port.js';
import { changeAt, customerFactor, summaryAt } from './builders.js';

const T0 = 1_790_000_000_000;
// Stores are isolated per run (fresh instance or key prefix), so customer ids can repeat across runs.
const CUSTOMERS = ['c0', 'c1', 'c2'];

interface EventSpec {
  readonly customer: number;
  readonly version: number;
  readonly factorKey: string;
  readonly severity: number;
  readonly withChange: boolean;
}

const eventSpec = fc.record({
  customer: fc.integer({ min: 0, max: 2 }),
  version: fc.integer({ min: 0, max: 50 }),
  factorKey: fc.constantFrom('a', 'b', 'c'),
  severity: fc.double({ min: 0, max: 1, noNaN: true }),
  withChange: fc.boolean(),
});

function effectsOf(customers: readonly string[], spec: EventSpec, index: number): CustomerEffects {
  const customerId = customers[spec.customer] ?? '';
  const at = T0 + spec.version * 1000;
  return {
    customerId,
    eventId: `evt-${String(index)}`,
    version: at,
    factors: [customerFactor(customerId, spec.factorKey, spec.severity, at)],
    summary: summaryAt(customerId, at, Math.round(spec.severity * 100)),
    ...(spec.withChange ? { change: changeAt(customerId, at, 90, Math.round(spec.severity * 100)) } : {}),
  };
}

async function snapshot(store: TrustStore, customers: readonly string[]) {
  return Promise.all(
    customers.map(async (c) => ({
      factors: await store.getFactors(c),
      summary: await store.getSummary(c),
      feed: await store.feed(c, { limit: 1000 }),
    })),
  );
}

/**
 * The idempotence property: applying events with duplicates and redeliveries (in batches, in any
 * later position) leaves the same state as applying each event once, at its first delivery.
 */
export function idempotenceProperty(
  name: string,
  makeStore: (now: () => number) => Promise<TrustStore>,
  numRuns: number,
): void {
  it(`${name}: applying events with duplicates and redeliveries equals applying them deduplicated`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventSpec, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        async (specs, picks, batchSize) => {
          // Deliveries: every event once in order, with redeliveries of earlier events mixed in.
          const deliveries: number[] = [];
          specs.forEach((_, i) => {
            deliveries.push(i);
            const pick = picks[i % picks.length] ?? 0;
            if (pick % 3 === 0) deliveries.push(pick % (i + 1));
          });
          // A fixed clock: feed ids then depend only on the order of applied changes.
          const withDuplicates = await makeStore(() => T0);
          const deduplicated = await makeStore(() => T0);
          const spec0 = specs[0] as EventSpec;
          const effects = (i: number) => effectsOf(CUSTOMERS, specs[i] ?? spec0, i);
          for (let i = 0; i < deliveries.length; i += batchSize) {
            await withDuplicates.applyMany(deliveries.slice(i, i + batchSize).map(effects));
          }
          for (const i of specs.keys()) await deduplicated.applyMany([effects(i)]);
          expect(await snapshot(withDuplicates, CUSTOMERS)).toEqual(await snapshot(deduplicated, CUSTOMERS));
        },
      ),
      { numRuns },
    );
  });
}
