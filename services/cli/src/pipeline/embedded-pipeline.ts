import { startEmbeddedAlerter, type EmbeddedAlerter } from '@trustwatch/alerter';
import { createMemoryBus, type EventBus, type EventTopic } from '@trustwatch/bus';
import {
  shippedVendorIds,
  vendorIdResolver,
  type EntityCatalog,
  type VendorIdOf,
} from '@trustwatch/entities';
import { loadLexicon, loadOutletDirectory, startNewsIngest, type NewsIngest } from '@trustwatch/ingest-news';
import type { Logger } from '@trustwatch/logging';
import type { Alert, CloudEvent, EventOf, ScoreSummary } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import {
  createMemoryTrustStore,
  importFleet,
  type FleetChange,
  type FleetSource,
  type TrustStore,
} from '@trustwatch/store';
import { ENGINE_TOPICS, ManualClock, startTrustEngine, type TrustEngine } from '@trustwatch/trust-engine';
import { CliError } from '../errors.js';
import { AlertLedger } from './alert-ledger.js';
import { tapBus } from './tap-bus.js';
import { topicOf } from './topic-of.js';

/** A trust.changed event as the engine publishes it. */
export type TrustChangedEvent = EventOf<'com.trustwatch.trust.changed.v1'>;

export interface PipelineOptions {
  readonly policy: Policy;
  readonly log: Logger;
  /** Where the pipeline's clock starts (ms): decay is computed on this clock, never on the wall clock. */
  readonly start: number;
  /** Real time allowed for the engine to work off one step before the run fails (ms). */
  readonly stepTimeoutMs?: number;
  /**
   * Another bus and store than the memory ones (Kafka and Redis, to check both give the same run), and
   * the engine's consumer group on it. The pipeline owns them: `close()` closes them.
   */
  readonly adapters?: { readonly bus: EventBus; readonly store: TrustStore; readonly groupId: string };
  /**
   * Runs the news ingest too, with this entity catalog, so raw `news.published` articles are classified
   * in-process (stories, claims, credibility) before the engine reads them; without it, only
   * `news.classified` reaches the engine.
   */
  readonly news?: { readonly catalog: EntityCatalog };
  /**
   * The alerter's rules file (default: the shipped rules) and the dashboard its alerts link to (default
   * `http://localhost:8080`, the API's default address). Routing is the shipped default; no receivers,
   * so notifications stay in the in-process outbox, where the served API's delivery log shows them.
   */
  readonly alerting?: { readonly rulesFile?: string | URL; readonly dashboardBaseUrl?: string };
}

/** What one step of the pipeline caused. */
export interface PlayedStep {
  /** The trust changes the step's events (and decay on the way) caused, in order of their instants. */
  readonly changes: TrustChangedEvent[];
  /** Alerts the alerter's timer changed as the clock moved to the step (drop alerts whose window passed). */
  readonly swept: readonly Alert[];
}

/** Counts of events published per topic: what the consumers must have committed before a step is done. */
type Published = Map<EventTopic, number>;

/** The alerter's part of the pipeline: the alerter, its consumer group and what it raised per change. */
interface AlertingStage {
  readonly alerter: EmbeddedAlerter;
  readonly groupId: string;
  readonly ledger: AlertLedger;
}

/**
 * Every service of the embedded default in one process: the memory bus, the memory store, the trust
 * engine and the alerter (rules, grouping, silences, outbox; memory state), on a manual clock that the caller moves forward, step by step, to each event's time. Decay
 * re-evaluations due on the way happen at their own instants, exactly as a long-running engine would.
 */
export class EmbeddedPipeline {
  private constructor(
    private readonly published: Published,
    /** Every trust change published so far, once each, in publication order. */
    private readonly changes: readonly TrustChangedEvent[],
    readonly store: TrustStore,
    readonly clock: ManualClock,
    private readonly bus: EventBus,
    private readonly engine: TrustEngine,
    private readonly timeoutMs: number,
    private readonly newsStage: { readonly news?: NewsIngest | undefined; readonly newsGroup: string },
    private readonly alerting: AlertingStage,
    /** trust.changed events published so far, redeliveries included: what the alerter must commit. */
    private readonly changeCount: { value: number },
    /** The engine's vendor ids: fleets are filed under the same ids as observed boards. */
    private readonly vendorIdOf: VendorIdOf,
  ) {}

  /** Replaces a customer's fleet in the store, its vendors filed under the engine's vendor ids. */
  importFleet(customerId: string, source: FleetSource, version: number): Promise<FleetChange> {
    return importFleet(this.store, customerId, source, version, { vendorIdOf: this.vendorIdOf });
  }

  static async start(options: PipelineOptions): Promise<EmbeddedPipeline> {
    const clock = new ManualClock(options.start);
    const store = options.adapters?.store ?? createMemoryTrustStore();
    const inner = options.adapters?.bus ?? createMemoryBus({ logger: options.log });
    const changes: TrustChangedEvent[] = [];
    const ids = new Set<string>();
    const changeCount = { value: 0 };
    // Delivery is at least once: a change published twice (same id) is kept once.
    const bus = tapBus(inner, ['trust.changed'], (_topic, events) => {
      changeCount.value += events.length;
      for (const event of events) {
        if (event.type !== 'com.trustwatch.trust.changed.v1' || ids.has(event.id)) continue;
        ids.add(event.id);
        // The engine made it with createEvent, so its data has already passed the trust.changed schema.
        changes.push(event as TrustChangedEvent);
      }
    });
    await bus.ensureTopics([...ENGINE_TOPICS, 'trust.changed', 'news.published']);
    const published: Published = new Map();
    const newsGroup = options.adapters === undefined ? 'ingest-news' : `${options.adapters.groupId}-news`;
    const news =
      options.news === undefined
        ? undefined
        : await startNews(options.news.catalog, newsGroup, { bus, clock, published, log: options.log });
    // The news ingest's catalog when it runs, so claims and fleets name a vendor alike.
    const vendorIdOf =
      options.news === undefined ? shippedVendorIds() : vendorIdResolver(options.news.catalog);
    const engine = await startTrustEngine({
      bus,
      store,
      policy: options.policy,
      log: options.log,
      clock,
      vendorIdOf,
      ...(options.adapters === undefined ? {} : { groupId: options.adapters.groupId }),
    });
    const alerting = await startAlerting(bus, clock, options);
    const timeoutMs = options.stepTimeoutMs ?? 30_000;
    return new EmbeddedPipeline(
      published,
      changes,
      store,
      clock,
      bus,
      engine,
      timeoutMs,
      { news, newsGroup },
      alerting,
      changeCount,
      vendorIdOf,
    );
  }

  /** The alerter's memory state: the served API's alerting ports read it. */
  get alerter(): EmbeddedAlerter {
    return this.alerting.alerter;
  }

  /** The alerts (fired, updated or resolved) the alerter raised for one trust change of a step. */
  alertsOf(change: TrustChangedEvent): readonly Alert[] {
    return this.alerting.ledger.alertsOf(change.id);
  }

  /**
   * Moves the clock to `at` (running the decay re-evaluations due by then, then one alerter dispatcher
   * pass), publishes the events, waits until the engine and then the alerter have committed all of
   * them, and returns the trust changes this step caused, in order of their instants.
   */
  async play(at: number, events: readonly CloudEvent[]): Promise<PlayedStep> {
    const first = this.changes.length;
    await this.advance(at);
    // The alerter's timer would have fired as time passed: groups flush, drop alerts past their window
    // resolve, at the step's instant (ticking here, not on the wall clock, keeps every run the same).
    const swept = await this.alerting.ledger.sweep(() => this.alerting.alerter.tick());
    for (const event of events) {
      const topic = topicOf(event.type);
      if (topic === undefined) {
        throw new CliError(
          'INPUT_INVALID',
          `no topic carries events of type ${event.type}`,
          'see trustwatch replay --help for the accepted types',
        );
      }
      await this.bus.publish(topic, [event]);
      this.published.set(topic, (this.published.get(topic) ?? 0) + 1);
    }
    await this.drain();
    await this.engine.decay.settled();
    const deadline = Date.now() + this.timeoutMs;
    await this.drainTopic(this.alerting.groupId, 'trust.changed', this.changeCount.value, deadline);
    const changes = this.changes.slice(first).sort((a, b) => Date.parse(a.data.at) - Date.parse(b.data.at));
    return { changes, swept };
  }

  /** The current score of each customer (null for one no event has touched yet). */
  async summaries(customerIds: readonly string[]): Promise<Map<string, ScoreSummary | null>> {
    const out = new Map<string, ScoreSummary | null>();
    for (const id of customerIds) out.set(id, await this.store.getSummary(id));
    return out;
  }

  /** Stops the news ingest, the engine and the alerter, then the bus, then the store. */
  async close(): Promise<void> {
    await this.newsStage.news?.stop();
    await this.engine.stop();
    await this.alerting.alerter.stop();
    await this.bus.close();
    await this.store.close();
  }

  // A fired decay timer re-arms itself asynchronously, possibly already due: advance again until a round
  // re-evaluates nobody.
  private async advance(at: number): Promise<void> {
    for (let round = 0; round < 10_000; round += 1) {
      const before = this.engine.metrics().decayReevaluations;
      this.clock.advanceTo(at);
      await this.engine.decay.settled();
      if (this.engine.metrics().decayReevaluations === before) return;
    }
  }

  // Articles first: classifying them publishes the news.classified events the engine then has to finish.
  private async drain(): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    const articles = this.published.get('news.published');
    if (articles !== undefined)
      await this.drainTopic(this.newsStage.newsGroup, 'news.published', articles, deadline);
    for (const [topic, count] of this.published) {
      if (topic !== 'news.published') await this.drainTopic(this.engine.groupId, topic, count, deadline);
    }
  }

  private async drainTopic(
    groupId: string,
    topic: EventTopic,
    count: number,
    deadline: number,
  ): Promise<void> {
    for (;;) {
      const offsets = await this.bus.committedOffsets(groupId, topic);
      const done = [...offsets.values()].reduce((sum, offset) => sum + Number(offset), 0);
      if (done >= count) return;
      if (Date.now() > deadline) {
        const who =
          groupId === this.engine.groupId
            ? 'the trust engine'
            : groupId === this.alerting.groupId
              ? 'the alerter'
              : 'the news ingest';
        throw new CliError(
          'PIPELINE_STALLED',
          `${who} did not finish ${topic} (${done}/${count} events) in time`,
          'run again with TRUSTWATCH_LOG_LEVEL=debug to see what the pipeline is doing',
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}

/**
 * Starts the news ingest on the pipeline's bus and clock (articles are dated on the replay's clock),
 * counting what it publishes so that a step waits for the engine to finish those events too.
 */
async function startNews(
  catalog: EntityCatalog,
  groupId: string,
  deps: { bus: EventBus; clock: ManualClock; published: Published; log: Logger },
): Promise<NewsIngest> {
  const counted = tapBus(deps.bus, ['news.classified', 'advisory.published'], (topic, events) => {
    deps.published.set(topic, (deps.published.get(topic) ?? 0) + events.length);
  });
  return startNewsIngest({
    bus: counted,
    log: deps.log,
    catalog,
    lexicon: loadLexicon(),
    outlets: loadOutletDirectory(),
    now: () => deps.clock.now(),
    groupId,
  });
}

/**
 * Starts the alerter on the pipeline's bus and clock (alerts and groups are timed on the replay's clock),
 * in its own consumer group, recording what each trust change raised.
 */
async function startAlerting(
  bus: EventBus,
  clock: ManualClock,
  options: PipelineOptions,
): Promise<AlertingStage> {
  const groupId = options.adapters === undefined ? 'alerter' : `${options.adapters.groupId}-alerter`;
  const ledger = new AlertLedger();
  const alerter = await startEmbeddedAlerter({
    bus: ledger.busFor(bus, groupId),
    log: options.log,
    now: () => clock.now(),
    // The pipeline ticks the alerter itself at each step; a wall-clock tick in between would flush
    // groups at an instant that depends on how fast the machine replays.
    tickMs: 86_400_000,
    ...(options.alerting?.rulesFile === undefined ? {} : { rulesFile: options.alerting.rulesFile }),
    ...(options.alerting?.dashboardBaseUrl === undefined
      ? {}
      : { dashboardBaseUrl: options.alerting.dashboardBaseUrl }),
  });
  ledger.watch(alerter.store);
  return { alerter, groupId, ledger };
}
