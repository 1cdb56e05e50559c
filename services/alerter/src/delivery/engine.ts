import { createHash, randomUUID } from 'node:crypto';
import { notificationSchema, type Notification } from '@trustwatch/alerting';
import { ReceiverAgents } from '../http/receiver-agents.js';
import type { DeliveryUnit, NewDeliveryUnit, OutboxPort } from '../outbox/outbox-port.js';
import { rateOf, type ReceiverConfig } from '../receivers/receiver-config.js';
import type { AddressPolicy } from '../ssrf/address-policy.js';
import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from './backoff.js';
import { forEachBounded } from './bounded.js';
import { recordResult, type RunSummary } from './record.js';
import { createMailers } from './mailers.js';
import { sendOnce, type SendContext } from './send.js';
import { TokenBucket } from './token-bucket.js';

/** The slice of a pino logger the engine uses. */
export interface EngineLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface EngineOptions {
  readonly outbox: OutboxPort;
  readonly receivers: readonly ReceiverConfig[];
  readonly policy: AddressPolicy;
  readonly backoff?: BackoffPolicy;
  /** Must exceed the longest receiver timeout, or a slow send loses its lease and is sent twice. */
  readonly leaseMs?: number;
  readonly batchSize?: number;
  /** Unique per process start; defaults to a random UUID. */
  readonly owner?: string;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly log?: EngineLogger;
}

export interface DeliveryEngine {
  /** Puts each notification in the outbox (one unit for its receiver); returns how many were new. */
  enqueue(notifications: readonly Notification[]): Promise<number>;
  /** Claims due units, sends each once and records the outcome. */
  runOnce(): Promise<RunSummary>;
  /**
   * The earliest instant a unit held back (rate limit, Retry-After pause) since the last call is due
   * again, or null; the call forgets it. The dispatcher wakes delivery then instead of at its next tick.
   */
  takeHeldUntil(): number | null;
  /** Closes SMTP transports and kept-alive HTTP connections. */
  close(): void;
}

// Sends in flight to one receiver at once (different customers; one customer's stay in order): a
// receiver that answers in a few ms then takes hundreds a second instead of one per round trip. 32,
// not fewer: during a storm on a busy process each send also waits its turns on the event loop, and
// with 8 a 500-alert/s storm queued in the outbox. The token bucket, not this, sets the rate.
const SENDS_IN_FLIGHT_PER_RECEIVER = 32;

/** The idempotency key of (notification, receiver): the webhook-id and email Message-ID of every attempt. */
export function deliveryId(notificationId: string, receiver: string): string {
  return `msg_${createHash('sha256').update(`${notificationId}\n${receiver}`).digest('hex').slice(0, 32)}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function customerOf(n: Notification): string {
  return n.groupLabels['customer'] ?? n.alerts[0]?.labels.customer ?? '*';
}

/** The delivery engine: outbox in, receivers out, retries, rate limits and receiver disabling. */
export function createDeliveryEngine(options: EngineOptions): DeliveryEngine {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const owner = options.owner ?? randomUUID();
  const leaseMs = options.leaseMs ?? 120_000;
  const receivers = new Map(options.receivers.map((r) => [r.name, r]));
  const buckets = new Map<string, TokenBucket>();
  // A receiver that answered 429/503 with Retry-After is not sent anything else until then.
  const pausedUntil = new Map<string, number>();
  let heldUntil: number | null = null;
  const mailers = createMailers(options.policy);
  const agents = new ReceiverAgents(SENDS_IN_FLIGHT_PER_RECEIVER);
  const ctx: SendContext = { policy: options.policy, now, mailer: (r) => mailers.get(r), agents };

  const bucketOf = (r: ReceiverConfig): TokenBucket => {
    let b = buckets.get(r.name);
    if (b === undefined) {
      const { ratePerSec, burst } = rateOf(r);
      b = new TokenBucket(ratePerSec, burst, now());
      buckets.set(r.name, b);
    }
    return b;
  };

  /** Why a unit cannot be sent at all (recorded without contacting anyone), or undefined. */
  function unsendable(
    unit: DeliveryUnit,
    receiver: ReceiverConfig | undefined,
    n: Notification | undefined,
    disabled: ReadonlySet<string>,
  ): { status: 'dead' | 'disabled'; error: string } | undefined {
    if (receiver === undefined) return { status: 'dead', error: 'unknown receiver' };
    if (n === undefined) return { status: 'dead', error: 'payload is not a notification' };
    if (disabled.has(unit.receiver)) return { status: 'disabled', error: 'receiver disabled' };
    return undefined;
  }

  /** Ms to hold a unit back: the receiver's pause, its rate limit, or a lease too short for one more send. */
  function holdBack(receiver: ReceiverConfig, t: number, leaseEnd: number): number {
    // A send that could outlast the lease might overlap another worker's re-send: hand it back now.
    if (t + receiver.timeoutMs >= leaseEnd) return 0;
    const paused = pausedUntil.get(receiver.name) ?? 0;
    if (paused > t) return paused - t;
    const token = bucketOf(receiver).take(t);
    return token.ok ? -1 : token.waitMs;
  }

  async function deliver(
    unit: DeliveryUnit,
    disabled: Set<string>,
    leaseEnd: number,
    summary: RunSummary,
  ): Promise<void> {
    const receiver = receivers.get(unit.receiver);
    const t = now();
    const parsed = notificationSchema.safeParse(safeJson(unit.payload));
    const n = parsed.success ? parsed.data : undefined;
    const refused = unsendable(unit, receiver, n, disabled);
    if (refused !== undefined || receiver === undefined || n === undefined) {
      const { status, error } = refused ?? { status: 'dead' as const, error: 'unsendable' };
      await options.outbox.complete(unit.id, {
        owner,
        now: t,
        status,
        attempt: { at: t, outcome: status, error },
      });
      summary[status] += 1;
      return;
    }
    const waitMs = holdBack(receiver, t, leaseEnd);
    if (waitMs >= 0) {
      await options.outbox.defer(unit.id, { owner, now: t, dueAt: t + waitMs });
      heldUntil = Math.min(heldUntil ?? Number.POSITIVE_INFINITY, t + waitMs);
      summary.deferred += 1;
      return;
    }
    const result = await sendOnce(receiver, n, unit.id, ctx);
    const after = now();
    if (result.verdict.kind === 'retry' && result.verdict.retryAfterMs !== undefined) {
      pausedUntil.set(receiver.name, after + Math.min(result.verdict.retryAfterMs, backoff.maxDelayMs));
    }
    const retries =
      unit.attempts.filter((a) => a.outcome === 'retry' || a.outcome === 'lease-expired').length + 1;
    const delay =
      result.verdict.kind === 'retry' ? retryDelay(retries, result.verdict.retryAfterMs, backoff, random) : 0;
    await recordResult({
      outbox: options.outbox,
      unit,
      owner,
      now: after,
      result,
      retries,
      maxAttempts: backoff.maxAttempts,
      delay,
      summary,
    });
    if (result.verdict.kind === 'disable') {
      // Later units of this receiver in the same batch are completed as disabled without a send.
      disabled.add(receiver.name);
      options.log?.warn({ receiver: receiver.name }, 'receiver answered 410 Gone; disabled');
    }
  }

  return {
    async enqueue(notifications) {
      const units: NewDeliveryUnit[] = notifications.map((n) => ({
        id: deliveryId(n.id, n.receiver),
        notificationId: n.id,
        receiver: n.receiver,
        customer: customerOf(n),
        payload: JSON.stringify(n),
        createdAt: Date.parse(n.at),
      }));
      return options.outbox.enqueue(units);
    },
    async runOnce() {
      const summary: RunSummary = { claimed: 0, sent: 0, retried: 0, dead: 0, disabled: 0, deferred: 0 };
      const claimedAt = now();
      const units = await options.outbox.claim({
        now: claimedAt,
        limit: options.batchSize ?? 100,
        leaseMs,
        owner,
      });
      summary.claimed = units.length;
      const disabled = new Set(await options.outbox.disabledReceivers());
      // Receivers in parallel; within a receiver, one lane per customer (its notifications in claim
      // order, so a resolved one never overtakes its firing one) and a bounded number of lanes at once.
      // The token bucket is taken synchronously before each send, so lanes share the rate limit.
      const lanes = new Map<string, Map<string, DeliveryUnit[]>>();
      for (const u of units) {
        const byCustomer = lanes.get(u.receiver) ?? new Map<string, DeliveryUnit[]>();
        lanes.set(u.receiver, byCustomer);
        byCustomer.set(u.customer, [...(byCustomer.get(u.customer) ?? []), u]);
      }
      await Promise.all(
        [...lanes.values()].map((byCustomer) =>
          forEachBounded([...byCustomer.values()], SENDS_IN_FLIGHT_PER_RECEIVER, async (lane) => {
            for (const unit of lane) await deliver(unit, disabled, claimedAt + leaseMs, summary);
          }),
        ),
      );
      return summary;
    },
    takeHeldUntil() {
      const held = heldUntil;
      heldUntil = null;
      return held;
    },
    close() {
      mailers.close();
      agents.close();
    },
  };
}
