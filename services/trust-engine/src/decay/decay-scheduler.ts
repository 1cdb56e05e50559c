import { stableId } from '@trustwatch/schemas';
import { nextCrossingAt } from '@trustwatch/scoring';
import type { Clock, Timer } from '../clock.js';
import { publishHeld, type ApplyDeps, type PublishItem } from '../engine/apply-plan.js';
import { fanOutSettled } from '../engine/fan-out-settled.js';
import { rescore, type Rescored } from '../engine/rescore.js';
import type { DecaySchedule } from './decay-schedule.js';

export interface DecaySchedulerOptions extends ApplyDeps {
  readonly schedule: DecaySchedule;
  readonly clock: Clock;
  /**
   * Runs a re-evaluation in turn with the engine's runs (the engine's `TopicGate`, in a lane of its
   * own); without it, re-evaluations run whenever they are due.
   */
  readonly inTurn?: <T>(task: () => Promise<T>) => Promise<T>;
  /** Longest sleep between looks at the schedule (another instance may have added earlier entries). */
  readonly pollMs?: number;
  /** Customers re-evaluated per schedule read. */
  readonly batchSize?: number;
}

const DEFAULT_POLL_MS = 60_000;
const DEFAULT_BATCH = 100;

/**
 * Re-evaluates a customer when its decaying score is due to leave its band (`nextCrossingAt`), so a
 * recovery is published without polling every customer. A re-evaluation scores at the due instant (not
 * at whatever time the timer fired), so its result is the same whichever instance runs it and however
 * late; its store key and trust.changed id derive from customer and instant, so two runs count once.
 */
export class DecayScheduler {
  private timer: Timer | null = null;
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;
  private runs = 0;

  constructor(private readonly options: DecaySchedulerOptions) {}

  /** Re-evaluations run since start. */
  get reevaluations(): number {
    return this.runs;
  }

  /** Starts watching the schedule. */
  start(): void {
    this.stopped = false;
    this.rearm();
  }

  /** Looks at the schedule again (after an event set an earlier due time). */
  rearm(): void {
    this.enqueue(() => this.arm());
  }

  /** Resolves once every queued look and re-evaluation has finished. */
  async settled(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.chain;
      await seen;
    } while (seen !== this.chain);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
    await this.settled();
  }

  /** Re-evaluates every customer due by now; returns how many were re-evaluated. */
  async runDue(): Promise<number> {
    const { schedule, clock } = this.options;
    const batch = this.options.batchSize ?? DEFAULT_BATCH;
    let count = 0;
    for (;;) {
      const due = await schedule.due(clock.now(), batch);
      if (due.length === 0 || this.stopped) return count;
      await (this.options.inTurn ?? ((task) => task()))(() => this.reevaluate(due));
      count += due.length;
    }
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((err: unknown) => {
      this.options.log.error({ err }, 'decay re-evaluation failed; retrying at the next look');
    });
  }

  private async arm(): Promise<void> {
    if (this.stopped) return;
    this.timer?.cancel();
    const { clock, schedule } = this.options;
    const poll = this.options.pollMs ?? DEFAULT_POLL_MS;
    const next = await schedule.next();
    const delay = next === null ? poll : Math.min(poll, Math.max(0, next - clock.now()));
    this.timer = clock.setTimer(delay, () => {
      this.enqueue(async () => {
        await this.runDue();
        await this.arm();
      });
    });
  }

  /**
   * Re-scores due customers at their due instants in one pipelined fan-out. The next due time is stored
   * before the old entry is cleared, so a crash in between re-runs the evaluation (deduplicated by the
   * store, its recorded change published again) rather than losing the customer's schedule.
   */
  private async reevaluate(entries: readonly DueEntry[]): Promise<void> {
    const dueOf = new Map(entries.map((e) => [e.customerId, e.dueAt]));
    // Held until the changes are published, as an event's apply holds its customers (CustomerLocks).
    const hold = await this.options.locks.acquire(dueOf.keys());
    const { publish, next } = await this.rescoreDue(dueOf).catch((error: unknown) => {
      hold.release(hold.owed);
      throw error;
    });
    await publishHeld(this.options, [...hold.owed, ...publish], hold);
    await this.options.schedule.set(next);
    if (publish.length > 0) this.options.log.info({ customers: publish.length }, 'decay moved trust scores');
    for (const { customerId, dueAt } of entries) await this.options.schedule.done(customerId, dueAt);
    this.runs += entries.length;
  }

  /** Applies the re-scores; the changes to publish and each customer's next due time. */
  private async rescoreDue(
    dueOf: ReadonlyMap<string, number>,
  ): Promise<{ publish: PublishItem[]; next: { customerId: string; dueAt: number | null }[] }> {
    const { store, policy } = this.options;
    const scored = new Map<string, { result: Rescored; causeKey: string; at: number }>();
    const outcomes = await fanOutSettled(store, [...dueOf.keys()], (snapshots) =>
      snapshots.flatMap((snapshot) => {
        const dueAt = dueOf.get(snapshot.customerId);
        if (dueAt === undefined || snapshot.summary === null) return [];
        const at = Math.max(dueAt, Date.parse(snapshot.summary.at));
        const result = rescore({
          snapshot,
          factors: [],
          exposures: [],
          shared: new Map(),
          at,
          causeEventIds: [],
          policy,
          decayOnly: true,
        });
        const causeKey = stableId('decay', snapshot.customerId, at);
        scored.set(snapshot.customerId, { result, causeKey, at });
        const { change } = result;
        return [
          {
            customerId: snapshot.customerId,
            eventId: causeKey,
            version: at,
            summary: result.evaluation.summary,
            ...(change === null ? {} : { change }),
          },
        ];
      }),
    );
    const publish: PublishItem[] = [];
    const next: { customerId: string; dueAt: number | null }[] = [];
    for (const outcome of outcomes) {
      const entry = scored.get(outcome.customerId);
      if (entry === undefined) continue;
      const { result, causeKey, at } = entry;
      const change =
        outcome.status === 'applied'
          ? result.change
          : outcome.feedId === null
            ? null
            : await store.feedEntry(outcome.customerId, outcome.feedId);
      if (change !== null) publish.push({ data: change, causeKey });
      const due = nextCrossingAt(result.factors, result.evaluation.summary, policy);
      // A due time not after this one would re-run the same evaluation forever.
      if (due !== null && Date.parse(due) > at)
        next.push({ customerId: outcome.customerId, dueAt: Date.parse(due) });
    }
    return { publish, next };
  }
}

interface DueEntry {
  readonly customerId: string;
  readonly dueAt: number;
}
