import { createKafkaBus, type EventBus, type EventTopic, type TopicOverrides } from '@trustwatch/bus';
import type { Logger } from '@trustwatch/logging';
import type { CloudEvent } from '@trustwatch/schemas';
import { openRedisTrustStore, type TrustStore } from '@trustwatch/store';
import { uniqueName } from '@trustwatch/testing';
import { ENGINE_TOPICS } from '@trustwatch/trust-engine';
import { EngineFleet } from './engine-process.js';
import { byTopic, type EventSet } from './event-set.js';
import { committedTotal } from './oracle.js';
import { seedPortfolio, trustState, type ComparableState } from './state.js';
import { waitFor } from './wait.js';

/** Where one faulty run happens: a broker (shared or private) and a Redis (shared or private). */
export interface RunTargets {
  readonly kafkaBrokers: readonly string[];
  readonly redisUrl: string;
}

/**
 * One run of the event set on Kafka and Redis under unique names (topic namespace, key prefix, group):
 * the suite's own bus client for publishing and reading offsets, a store client for seeding and reading
 * the final state, and the engine processes under test.
 */
export class KafkaRun {
  readonly topics: Map<EventTopic, CloudEvent[]>;
  private store: TrustStore | undefined;

  private constructor(
    readonly set: EventSet,
    readonly targets: RunTargets,
    readonly bus: EventBus,
    readonly fleet: EngineFleet,
    readonly groupId: string,
    private readonly keyPrefix: string,
  ) {
    this.topics = byTopic(set.events);
  }

  static async open(
    set: EventSet,
    targets: RunTargets,
    log: Logger,
    label: string,
    options: { topicOverrides?: TopicOverrides; engineEnv?: Readonly<Record<string, string>> } = {},
  ): Promise<KafkaRun> {
    const topicOverrides = options.topicOverrides ?? {};
    const namespace = `${uniqueName(`faults-${label}`)}.`;
    const keyPrefix = uniqueName(`twfaults-${label}`);
    const groupId = uniqueName(`engine-${label}`);
    const bus = createKafkaBus({
      brokers: [...targets.kafkaBrokers],
      clientId: uniqueName('faults'),
      namespace,
      logger: log,
      topicOverrides,
    });
    await bus.ensureTopics([...ENGINE_TOPICS, 'trust.changed']);
    const fleet = new EngineFleet({
      brokers: targets.kafkaBrokers,
      redisUrl: targets.redisUrl,
      keyPrefix,
      namespace,
      groupId,
      ...(options.engineEnv === undefined ? {} : { env: options.engineEnv }),
    });
    const run = new KafkaRun(set, targets, bus, fleet, groupId, keyPrefix);
    await seedPortfolio(await run.openStore(), set.portfolio);
    return run;
  }

  /** The run's store client (re-opened after a Redis restart). */
  async openStore(): Promise<TrustStore> {
    if (this.store !== undefined) return this.store;
    this.store = await openRedisTrustStore({
      url: this.targets.redisUrl,
      prefix: this.keyPrefix,
      checkDurability: false,
    });
    return this.store;
  }

  /** Closes the store client (before its Redis goes down); the next `openStore` connects again. */
  async closeStore(): Promise<void> {
    await this.store?.close().catch(() => undefined);
    this.store = undefined;
  }

  /** Publishes the whole event set, topic by topic, in batches. */
  async publishAll(batch = 250): Promise<void> {
    for (const [topic, events] of this.topics) {
      for (let i = 0; i < events.length; i += batch)
        await this.bus.publish(topic, events.slice(i, i + batch));
    }
  }

  /** Publishes events `start` to `end` of the set (in set order), each topic's in one go. */
  async publishSlice(start: number, end: number): Promise<void> {
    for (const [topic, events] of byTopic(this.set.events.slice(start, end))) {
      await this.bus.publish(topic, events);
    }
  }

  /** Records the engine group has committed, over every topic of the set. */
  committed(): Promise<number> {
    return committedTotal(this.bus, this.groupId, this.topics.keys());
  }

  /**
   * Waits until the group committed every event of the set. Fails at once when no engine process of the
   * run is left to do it, and either way with the engines' last log lines, instead of waiting out a
   * test's whole budget in silence.
   */
  async drained(timeoutMs: number): Promise<void> {
    let committed = 0;
    const report = (what: string) =>
      new Error(
        `${what}: ${String(committed)} of ${String(this.set.events.length)} events committed; ` +
          `the engines' last lines:\n${this.fleet.tail()}`,
      );
    try {
      await waitFor(
        async () => {
          committed = await this.committed();
          if (committed >= this.set.events.length) return true;
          if (this.fleet.runningCount === 0) throw report('every engine process exited');
          return false;
        },
        timeoutMs,
        'every event committed',
        200,
      );
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('timed out')) throw report(error.message);
      throw error;
    }
  }

  /** The final trust state in comparable form. */
  async state(): Promise<Record<string, ComparableState>> {
    return trustState(await this.openStore(), this.set.portfolio.customers.keys());
  }

  /** Stops the engines, deletes the run's topics, closes the clients. */
  async dispose(): Promise<void> {
    await this.fleet.stopAll();
    await this.closeStore();
    await this.bus.deleteTopics().catch(() => undefined);
    await this.bus.close();
  }
}
