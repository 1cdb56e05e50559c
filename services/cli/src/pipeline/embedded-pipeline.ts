import { createMemoryBus, type EventBus, type EventTopic } from '@trustwatch/bus';
import type { Logger } from '@trustwatch/logging';
import type { CloudEvent, EventOf, ScoreSummary } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import { createMemoryTrustStore, type TrustStore } from '@trustwatch/store';
import { ENGINE_TOPICS, ManualClock, startTrustEngine, type TrustEngine } from '@trustwatch/trust-engine';
import { CliError } from '../errors.js';
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
}

/**
 * Every service of the embedded default in one process: the memory bus, the memory store and the trust
 * engine, on a manual clock that the caller moves forward, step by step, to each event's time. Decay
 * re-evaluations due on the way happen at their own instants, exactly as a long-running engine would.
 */
export class EmbeddedPipeline {
  private readonly published = new Map<EventTopic, number>();

  private constructor(
    /** Every trust change published so far, once each, in publication order. */
    private readonly changes: readonly TrustChangedEvent[],
    readonly store: TrustStore,
    readonly clock: ManualClock,
    private readonly bus: EventBus,
    private readonly engine: TrustEngine,
    private readonly timeoutMs: number,
  ) {}

  static async start(options: PipelineOptions): Promise<EmbeddedPipeline> {
    const clock = new ManualClock(options.start);
    const store = options.adapters?.store ?? createMemoryTrustStore();
    const inner = options.adapters?.bus ?? createMemoryBus({ logger: options.log });
    const changes: TrustChangedEvent[] = [];
    const ids = new Set<string>();
    // Delivery is at least once: a change published twice (same id) is kept once.
    const bus = tapBus(inner, ['trust.changed'], (_topic, events) => {
      for (const event of events) {
        if (event.type !== 'com.trustwatch.trust.changed.v1' || ids.has(event.id)) continue;
        ids.add(event.id);
        // The engine made it with createEvent, so its data has already passed the trust.changed schema.
        changes.push(event as TrustChangedEvent);
      }
    });
    await bus.ensureTopics([...ENGINE_TOPICS, 'trust.changed']);
    const engine = await startTrustEngine({
      bus,
      store,
      policy: options.policy,
      log: options.log,
      clock,
      ...(options.adapters === undefined ? {} : { groupId: options.adapters.groupId }),
    });
    return new EmbeddedPipeline(changes, store, clock, bus, engine, options.stepTimeoutMs ?? 30_000);
  }

  /**
   * Moves the clock to `at` (running the decay re-evaluations due by then), publishes the events, waits
   * until the engine has committed all of them, and returns the trust changes this step caused, in
   * order of their instants.
   */
  async play(at: number, events: readonly CloudEvent[]): Promise<TrustChangedEvent[]> {
    const first = this.changes.length;
    await this.advance(at);
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
    return this.changes.slice(first).sort((a, b) => Date.parse(a.data.at) - Date.parse(b.data.at));
  }

  /** The current score of each customer (null for one no event has touched yet). */
  async summaries(customerIds: readonly string[]): Promise<Map<string, ScoreSummary | null>> {
    const out = new Map<string, ScoreSummary | null>();
    for (const id of customerIds) out.set(id, await this.store.getSummary(id));
    return out;
  }

  /** Stops the engine, then the bus, then the store. */
  async close(): Promise<void> {
    await this.engine.stop();
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

  private async drain(): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    for (const [topic, count] of this.published) {
      for (;;) {
        const offsets = await this.bus.committedOffsets(this.engine.groupId, topic);
        const done = [...offsets.values()].reduce((sum, offset) => sum + Number(offset), 0);
        if (done >= count) break;
        if (Date.now() > deadline) {
          throw new CliError(
            'PIPELINE_STALLED',
            `the trust engine did not finish ${topic} (${done}/${count} events) in time`,
            'run again with TRUSTWATCH_LOG_LEVEL=debug to see what the engine is doing',
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    }
  }
}
