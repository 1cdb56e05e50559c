import { shippedVendorIds, type VendorIdOf } from '@trustwatch/entities';
import { readFileSync } from 'node:fs';
import type { EventBus, EventTopic } from '@trustwatch/bus';
import {
  isRetriable,
  type CloudEvent,
  type EventOf,
  type Factor,
  type ScoreSummary,
} from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import type { Asset, SupplierLink, TrustStore } from '@trustwatch/store';
import { uniqueName } from '@trustwatch/testing';
import { createLogger } from '@trustwatch/logging';
import type { Clock } from '../clock.js';
import type { DecaySchedule } from '../decay/decay-schedule.js';
import { startTrustEngine, type TrustEngine } from '../embedded.js';
import { ENGINE_TOPICS } from '../engine/handle-event.js';
import type { AdvisoryCatalog } from '../advisories/advisory-catalog.js';

/** A bus and a store to run scenarios on: memory adapters, or real Kafka and Redis. */
export interface ScenarioEnv {
  readonly bus: EventBus;
  readonly store: TrustStore;
  /** Silence on trust.changed (ms) after which published changes are taken to have all arrived. */
  readonly quietMs: number;
  dispose(): Promise<void>;
}

export type TrustChangedEvent = EventOf<'com.trustwatch.trust.changed.v1'>;

interface Portfolio {
  customers: Record<string, Asset[]>;
  suppliers: SupplierLink[];
}

/**
 * The fixtures name vendors by short ids (`supermicro`, `dell`): a collector's name is resolved through
 * the shipped catalog as in production (`Super Micro Computer, Inc.` -> `vendor:supermicro`), then
 * shortened to the fixtures' form.
 */
export const fixtureVendorIds: VendorIdOf = (name) => {
  const id = shippedVendorIds()(name);
  return id.startsWith('vendor:') ? id.slice('vendor:'.length) : id;
};

/** The fictional customers of fixtures/portfolio.json. */
export const PORTFOLIO = JSON.parse(
  readFileSync(new URL('../../fixtures/portfolio.json', import.meta.url), 'utf8'),
) as Portfolio;
export const CUSTOMERS = Object.keys(PORTFOLIO.customers).sort();
const FLEET_VERSION = Date.parse('2018-01-01T00:00:00Z');

export const silentLog = createLogger({ service: 'trust-engine-test', level: 'silent' });

export interface ScenarioOptions {
  readonly policy: Policy;
  readonly clock?: Clock;
  readonly engines?: number;
  /** Shared by the engines of one scenario (as a store-backed one would be). */
  readonly schedule?: DecaySchedule;
  readonly advisories?: AdvisoryCatalog;
}

/** One engine group (or several engines in one group) on a seeded portfolio, plus a trust.changed reader. */
export class Scenario {
  readonly received: TrustChangedEvent[] = [];
  private readonly published = new Map<EventTopic, number>();
  private stopCollector: (() => Promise<void>) | null = null;

  private constructor(
    readonly env: ScenarioEnv,
    readonly engines: TrustEngine[],
    readonly groupId: string,
  ) {}

  static async start(env: ScenarioEnv, options: ScenarioOptions): Promise<Scenario> {
    await withRetries(() => env.bus.ensureTopics([...ENGINE_TOPICS, 'trust.changed']));
    for (const [customerId, assets] of Object.entries(PORTFOLIO.customers)) {
      await env.store.replaceFleet(customerId, assets, FLEET_VERSION);
    }
    for (const link of PORTFOLIO.suppliers) await env.store.linkSupplier(link, true);
    const groupId = uniqueName('trust-engine');
    const engines: TrustEngine[] = [];
    for (let i = 0; i < (options.engines ?? 1); i += 1) {
      engines.push(
        await startTrustEngine({
          bus: env.bus,
          store: env.store,
          policy: options.policy,
          log: silentLog,
          groupId,
          vendorIdOf: fixtureVendorIds,
          ...(options.clock === undefined ? {} : { clock: options.clock }),
          ...(options.schedule === undefined ? {} : { schedule: options.schedule }),
          ...(options.advisories === undefined ? {} : { advisories: options.advisories }),
        }),
      );
    }
    const scenario = new Scenario(env, engines, groupId);
    const collector = await env.bus.consume({
      groupId: uniqueName('collector'),
      topics: ['trust.changed'],
      handle: (event) => {
        if (event.type === 'com.trustwatch.trust.changed.v1') scenario.received.push(event);
        return Promise.resolve({ status: 'done' });
      },
    });
    scenario.stopCollector = () => collector.stop();
    return scenario;
  }

  async publish(topic: EventTopic, events: readonly CloudEvent[]): Promise<void> {
    await this.env.bus.publish(topic, events);
    this.published.set(topic, (this.published.get(topic) ?? 0) + events.length);
  }

  /** Waits until the engines committed every published event and trust.changed went quiet. */
  async drain(timeoutMs = 45_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const [topic, count] of this.published) {
      for (;;) {
        const offsets = await this.env.bus.committedOffsets(this.groupId, topic);
        const done = [...offsets.values()].reduce((sum, offset) => sum + Number(offset), 0);
        if (done >= count) break;
        if (Date.now() > deadline) throw new Error(`engine did not drain ${topic}: ${done}/${count}`);
        await sleep(25);
      }
    }
    await Promise.all(this.engines.map((e) => e.decay.settled()));
    await this.quiet(deadline);
  }

  /** Waits until no trust.changed arrived for `quietMs`. */
  async quiet(deadline = Date.now() + 30_000): Promise<void> {
    let seen = -1;
    while (seen !== this.received.length && Date.now() < deadline) {
      seen = this.received.length;
      await sleep(this.env.quietMs);
    }
  }

  /** Distinct trust changes (by event id) for a customer, in arrival order. */
  changesOf(customerId: string): TrustChangedEvent[] {
    const byId = new Map<string, TrustChangedEvent>();
    for (const event of this.received) if (event.data.customerId === customerId) byId.set(event.id, event);
    return [...byId.values()];
  }

  /** Every customer's summary, factors and feed length: what "the same final state" compares. */
  state(): Promise<Record<string, CustomerState>> {
    return storeState(this.env.store);
  }

  async stop(): Promise<void> {
    await Promise.all(this.engines.map((e) => e.stop()));
    await this.stopCollector?.();
    await this.env.dispose();
  }
}

/**
 * Retries a retriable failure a few times: on a loaded shared broker, creating topics with
 * `waitForLeaders` can report a partition its leader does not host yet.
 */
async function withRetries(run: () => Promise<void>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await run();
      return;
    } catch (error) {
      if (attempt >= attempts || !isRetriable(error)) throw error;
      await sleep(500 * attempt);
    }
  }
}

/** One customer's trust as the store holds it: what "the same final state" compares. */
export interface CustomerState {
  readonly summary: ScoreSummary | null;
  readonly factors: Factor[];
  readonly feed: number;
}

/** Every fixture customer's summary, factors and feed length. */
export async function storeState(store: TrustStore): Promise<Record<string, CustomerState>> {
  const out: Record<string, CustomerState> = {};
  for (const customerId of CUSTOMERS) {
    const page = await store.feed(customerId, { limit: 1000 });
    out[customerId] = {
      summary: await store.getSummary(customerId),
      factors: await store.getFactors(customerId),
      feed: page.entries.length,
    };
  }
  return out;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
