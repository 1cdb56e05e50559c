import { startAlerterService, type Alerter } from '@trustwatch/alerter';
import type { StartedService } from '@trustwatch/bus';
import { createLogger } from '@trustwatch/logging';
import { connectRedis } from '@trustwatch/store';
import { alerterSetup, BENCH_RECEIVER_RATE } from './alert-setup.js';
import { startAlertReceiver } from './alert-receiver.js';
import { alertCustomer, criticalCrossings } from './alert-workload.js';
import type { BenchContext } from './context.js';
import { BenchError } from './errors.js';
import { loadTopics, openBus } from './kafka-link.js';
import { latencyHistogram, OpenLoopProducer, summarise, type LatencySummary } from './open-loop.js';
import { sleep, waitFor } from './rate.js';
import { purgePrefix } from './redis-link.js';

/** One pass of the real alerter at one dispatcher cadence. */
export interface AlertRun {
  readonly tickMs: number;
  /** Qualifying changes produced open-loop (the primer not counted). */
  readonly sent: number;
  /** Of which a webhook request arrived for. */
  readonly arrived: number;
  /** Requests for a customer already notified (none expected: one alert per customer). */
  readonly duplicates: number;
  /** The alerter's own counters as the last change was produced: which stage the backlog sits in. */
  readonly atProductionEnd: {
    readonly applied: number;
    readonly notified: number;
    readonly delivered: number;
  };
  /** From each change's intended send time to its webhook request arriving. */
  readonly latency: LatencySummary;
}

/** Trust change to alert request, open loop; the first run is at the alerter's shipped cadence. */
export interface AlertPhase {
  readonly perSecond: number;
  readonly routing: string;
  readonly receiverRatePerSec: number;
  readonly runs: readonly AlertRun[];
}

// After the last change is produced, alerts still queued keep arriving at the alerter's pace: waiting
// goes on while they do, and stops once none arrived for this long (the rest count as lost).
const STALL_MS = 30_000;
// However steady the trickle, a run ends this long after production did.
const SETTLE_LIMIT_MS = 600_000;

async function closeInOrder(service: StartedService): Promise<void> {
  for (const closeable of service.closeables) {
    if (closeable.stop !== undefined) await closeable.stop(service.shutdownDeadlineMs);
    else await closeable.close?.();
  }
}

/** The alerter among what the service closes (the one with counters), for its progress. */
function alerterOf(service: StartedService): Pick<Alerter, 'metrics'> {
  const found = service.closeables.find((c): c is Alerter => 'metrics' in c && 'tick' in c);
  if (found === undefined) throw new BenchError('TOOL_FAILED', 'the alerter service exposes no alerter');
  return found;
}

/** Waits until `done()`, as long as `progress()` keeps moving (see STALL_MS); never throws. */
async function settle(done: () => boolean, progress: () => number): Promise<void> {
  const limit = Date.now() + SETTLE_LIMIT_MS;
  let last = progress();
  let movedAt = Date.now();
  while (!done() && Date.now() - movedAt < STALL_MS && Date.now() < limit) {
    await sleep(50);
    if (progress() !== last) {
      last = progress();
      movedAt = Date.now();
    }
  }
}

/**
 * The alerter as main.ts starts it (`startAlerterService`: Kafka, Redis store and outbox, the shipped
 * rules), a route to a local webhook, and qualifying trust.changed events produced at `rate`. Its clock
 * starts once a primer change's alert arrived (group join and first fetch are not latency).
 */
async function runAlerter(ctx: BenchContext, rate: number, tickMs: number): Promise<AlertRun> {
  const loaded = await loadTopics(ctx, `alert${String(tickMs)}`, new Map());
  const tag = `${ctx.tag}-a${String(tickMs)}`;
  const histogram = latencyHistogram();
  const eventOf = new Map<string, string>();
  const seen = new Set<string>();
  let arrived = 0;
  let duplicates = 0;
  const make = criticalCrossings(ctx.policy, tag);
  const bus = openBus(ctx.config.kafkaBrokers, loaded.namespace, ctx.quietLog);
  const loop = new OpenLoopProducer(
    bus,
    rate,
    (k) => {
      eventOf.set(alertCustomer(tag, k), `tc-${tag}-${String(k)}`);
      return make(k);
    },
    'trust.changed',
  );
  const receiver = await startAlertReceiver((customer, at) => {
    if (seen.has(customer)) duplicates += 1;
    else if (eventOf.has(customer)) arrived += 1;
    seen.add(customer);
    const id = eventOf.get(customer);
    if (id !== undefined) loop.record(histogram, id, at);
  });
  const setup = alerterSetup(ctx, loaded.namespace, receiver.url, tickMs);
  const log = createLogger({ service: 'alerter', level: 'info', destination: ctx.logSink });
  let fatal: Error | undefined;
  let service: StartedService | undefined;
  try {
    service = await startAlerterService({
      config: setup.config,
      log,
      onFatal: (error) => {
        fatal = error;
      },
    });
    const primerTag = `${tag}-primer`;
    await bus.publish('trust.changed', [criticalCrossings(ctx.policy, primerTag)(0)]);
    await waitFor(() => seen.has(alertCustomer(primerTag, 0)), 120_000, 'the primer alert');
    loop.start(ctx.config.alertMs);
    await waitFor(() => loop.done || fatal !== undefined, ctx.config.alertMs + 60_000, 'alert producer');
    const ended = alerterOf(service).metrics();
    await settle(
      () => fatal !== undefined || arrived >= eventOf.size,
      () => arrived,
    );
    if (fatal !== undefined) throw new BenchError('TOOL_FAILED', 'the alerter stopped consuming', fatal);
    return {
      tickMs,
      sent: loop.count,
      arrived,
      duplicates,
      // The primer is one change and one notification of the alerter's own counters.
      atProductionEnd: {
        applied: ended.changes - 1,
        notified: ended.notifications - 1,
        delivered: ended.delivery.sent - 1,
      },
      latency: summarise(histogram),
    };
  } finally {
    await loop.stop();
    if (service !== undefined) await closeInOrder(service);
    await bus.close();
    await receiver.close();
    setup.remove();
    const admin = await connectRedis({ url: ctx.config.redisUrl });
    await purgePrefix(admin, setup.prefix).finally(() => admin.quit());
  }
}

/**
 * The rate the alert phase offers: the latency phase's, but never above half the receiver's token bucket,
 * so the phase measures how long an alert takes rather than the queue behind the receiver's rate limit.
 */
export function alertRate(latencyRate: number, receiverRate = BENCH_RECEIVER_RATE): number {
  return Math.min(latencyRate, receiverRate / 2);
}

/** Runs the alerter once per configured dispatcher cadence (`BENCH_ALERT_TICKS_MS`), in order. */
export async function runAlertPhase(ctx: BenchContext, latencyRate: number): Promise<AlertPhase> {
  const rate = alertRate(latencyRate);
  const runs: AlertRun[] = [];
  for (const tickMs of ctx.config.alertTicksMs) runs.push(await runAlerter(ctx, rate, tickMs));
  return {
    perSecond: rate,
    routing: 'group_by [customer], group_wait 1ms, group_interval 2m (shipped), one customer per change',
    receiverRatePerSec: BENCH_RECEIVER_RATE,
    runs,
  };
}
