import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Asset, TrustStore } from '../port.js';
import { changeAt, customerFactor } from './builders.js';

const T0 = 1_790_000_000_000;
const FEED_CAP = 4;

/** The reference model: what a trust store must remember, in the plainest possible form. */
interface Model {
  readonly applied: Set<string>;
  /** `<customer>/<factorKey>` -> { version, severity } */
  readonly factors: Map<string, { version: number; severity: number }>;
  /** customer -> feed `after` values, oldest first */
  readonly feeds: Map<string, number[]>;
  /** customer -> { version, asset ids } */
  readonly fleets: Map<string, { version: number; ids: string[] }>;
}
interface Real {
  readonly store: TrustStore;
}

const customers = ['c0', 'c1'];
const keysOf = ['a', 'b'];

class ApplyCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly customer: string,
    readonly eventId: string,
    readonly version: number,
    readonly key: string,
    readonly severity: number,
    readonly after: number | null,
  ) {}
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    const at = T0 + this.version;
    const [outcome] = await real.store.applyMany([
      {
        customerId: this.customer,
        eventId: this.eventId,
        version: at,
        factors: [customerFactor(this.customer, this.key, this.severity, at)],
        ...(this.after === null ? {} : { change: changeAt(this.customer, at, 100, this.after) }),
      },
    ]);
    const id = `${this.customer}/${this.eventId}`;
    const duplicate = model.applied.has(id);
    expect(outcome?.status).toBe(duplicate ? 'duplicate' : 'applied');
    if (duplicate) return;
    model.applied.add(id);
    const field = `${this.customer}/${this.key}`;
    const stored = model.factors.get(field);
    if (stored === undefined || stored.version <= this.version) {
      model.factors.set(field, { version: this.version, severity: this.severity });
    }
    if (this.after !== null) {
      const feed = [...(model.feeds.get(this.customer) ?? []), this.after];
      model.feeds.set(this.customer, feed.slice(-FEED_CAP));
    }
  }
  toString = (): string => `apply(${this.customer},${this.eventId},v${String(this.version)},${this.key})`;
}

/** The same effect as ApplyCommand for several customers at once, through the pipelined fanOut. */
class FanOutCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly targets: string[],
    readonly eventId: string,
    readonly version: number,
    readonly key: string,
    readonly severity: number,
  ) {}
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    const at = T0 + this.version;
    const outcomes = await real.store.fanOut(this.targets, (snapshots) =>
      snapshots.map((s) => ({
        customerId: s.customerId,
        eventId: this.eventId,
        version: at,
        factors: [customerFactor(s.customerId, this.key, this.severity, at)],
      })),
    );
    const expected = this.targets.map((c) =>
      model.applied.has(`${c}/${this.eventId}`) ? 'duplicate' : 'applied',
    );
    expect(outcomes.map((o) => o.status)).toEqual(expected);
    for (const customer of this.targets) {
      const id = `${customer}/${this.eventId}`;
      if (model.applied.has(id)) continue;
      model.applied.add(id);
      const field = `${customer}/${this.key}`;
      const stored = model.factors.get(field);
      if (stored === undefined || stored.version <= this.version) {
        model.factors.set(field, { version: this.version, severity: this.severity });
      }
    }
  }
  toString = (): string =>
    `fanOut([${this.targets.join(',')}],${this.eventId},v${String(this.version)},${this.key})`;
}

class CheckCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly customer: string) {}
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    const factors = await real.store.getFactors(this.customer);
    const expected = keysOf
      .map((key) => ({
        id: customerFactor(this.customer, key).id,
        m: model.factors.get(`${this.customer}/${key}`),
      }))
      .filter((e) => e.m !== undefined)
      .map((e) => ({ id: e.id, severity: e.m?.severity }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(factors.map((f) => ({ id: f.id, severity: f.severity }))).toEqual(expected);
    const feed = await real.store.feed(this.customer, { limit: 100 });
    expect(feed.entries.map((e) => e.change.overall.after).reverse()).toEqual(
      model.feeds.get(this.customer) ?? [],
    );
  }
  toString = (): string => `check(${this.customer})`;
}

class FleetCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly customer: string,
    readonly version: number,
    readonly ids: string[],
  ) {}
  check = (): boolean => true;
  async run(model: Model, real: Real): Promise<void> {
    const assets: Asset[] = this.ids.map((id) => ({
      id,
      vendor: 'supermicro',
      model: 'X12',
      components: [],
    }));
    const change = await real.store.replaceFleet(this.customer, assets, this.version);
    const stored = model.fleets.get(this.customer);
    const applies = stored === undefined || stored.version <= this.version;
    expect(change.applied).toBe(applies);
    if (applies) {
      const before = stored?.ids ?? [];
      expect(change.added).toEqual(this.ids.filter((id) => !before.includes(id)).sort());
      expect(change.removed).toEqual(before.filter((id) => !this.ids.includes(id)).sort());
      model.fleets.set(this.customer, { version: this.version, ids: this.ids });
    }
    expect((await real.store.getFleet(this.customer)).map((a) => a.id).sort()).toEqual(
      [...(model.fleets.get(this.customer)?.ids ?? [])].sort(),
    );
  }
  toString = (): string => `fleet(${this.customer},v${String(this.version)},[${this.ids.join(',')}])`;
}

const commands = [
  fc
    .record({
      customer: fc.constantFrom(...customers),
      eventId: fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6'),
      version: fc.integer({ min: 0, max: 20 }),
      key: fc.constantFrom(...keysOf),
      severity: fc.constantFrom(0.1, 0.5, 0.9),
      after: fc.option(fc.integer({ min: 0, max: 100 })),
    })
    .map((r) => new ApplyCommand(r.customer, r.eventId, r.version, r.key, r.severity, r.after)),
  fc
    .record({
      targets: fc.uniqueArray(fc.constantFrom(...customers), { minLength: 1 }),
      eventId: fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6'),
      version: fc.integer({ min: 0, max: 20 }),
      key: fc.constantFrom(...keysOf),
      severity: fc.constantFrom(0.1, 0.5, 0.9),
    })
    .map((r) => new FanOutCommand(r.targets, r.eventId, r.version, r.key, r.severity)),
  fc.constantFrom(...customers).map((c) => new CheckCommand(c)),
  fc
    .record({
      customer: fc.constantFrom(...customers),
      version: fc.integer({ min: 0, max: 20 }),
      ids: fc.uniqueArray(fc.constantFrom('s1', 's2', 's3', 's4'), { maxLength: 4 }),
    })
    .map((r) => new FleetCommand(r.customer, r.version, r.ids)),
];

/**
 * Model-based test: random command sequences agree between the store and the reference model. Give the
 * store chunkSize 1 so a fanOut spans several pipelined chunks.
 */
export function modelBasedProperty(
  name: string,
  makeStore: (feedMaxEntries: number) => Promise<TrustStore>,
  numRuns: number,
): void {
  it(`${name}: behaves like the reference model under any sequence of applies, fleet imports and reads`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30 }), async (cmds) => {
        const store = await makeStore(FEED_CAP);
        const model: Model = { applied: new Set(), factors: new Map(), feeds: new Map(), fleets: new Map() };
        await fc.asyncModelRun(() => ({ model, real: { store } }), cmds);
      }),
      { numRuns },
    );
  });
}
