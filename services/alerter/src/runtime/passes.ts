import type { SilenceStore } from '@trustwatch/alerting';
import type { Logger } from '@trustwatch/logging';
import type { DeliveryEngine } from '../delivery/engine.js';
import type { RunSummary } from '../delivery/record.js';
import type { StepDeps } from './apply-change.js';
import { forEachBounded } from '../delivery/bounded.js';
import { flushCustomer } from './flush-customer.js';
import type { WakeRun } from './wake-loop.js';

// Customers read per pass (a full page asks for the next pass at once), and flushed at a time: each
// flush is a few round trips of its own, so independent customers overlap them.
const DUE_PER_PASS = 500;
const FLUSHES_IN_FLIGHT = 32;
// Outbox batches per delivery pass: bounded so one pass stays short; a pass that used them all asks for
// the next at once.
const BATCHES_PER_PASS = 20;
// Expired silences stay listed for a week (who muted what, and why, is audit material), then go; the
// store is swept hourly, which keeps the per-pass silence read bounded.
export const SILENCE_RETENTION_MS = 7 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

/** Counters the passes add to (the alerter's metrics). */
export interface PassCounts {
  notifications: number;
  muted: number;
  readonly delivery: RunSummary;
}

/** What both passes run on, and how they ask for the next run of either. */
export interface PassDeps {
  readonly step: StepDeps;
  readonly engine: DeliveryEngine;
  readonly log: Logger;
  readonly counts: PassCounts;
  /** Asks for a sweeping flush pass once this one ends. */
  readonly sweepSoon: () => void;
  /** Asks for a delivery pass at `instant`. */
  readonly wakeDelivery: (instant: number) => void;
}

/**
 * Flushes the customers a wake named (a group of theirs came due) and, on a sweep, every customer the
 * due index lists: a bounded number at a time (each customer's flush is one revision-checked commit of
 * its own, so they are independent). flushCustomer flushes only the groups due at its clock, so an early
 * or extra visit sends nothing before group_wait. Group_interval ticks with nothing new (and silences
 * ending, repeats, drop sweeps) are found by the sweep: a firing group does not wake the loop every
 * group_interval. Delivery is asked for as soon as something reached the outbox.
 */
export function createFlushPass(deps: PassDeps): (run: WakeRun) => Promise<void> {
  const { step, log, counts } = deps;
  let prunedAt = Number.NEGATIVE_INFINITY;
  return async (run) => {
    const t = step.now();
    if (run.sweep && t - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = t;
      const pruned = await step.store.pruneSilences(t - SILENCE_RETENTION_MS);
      if (pruned > 0) log.info({ pruned }, 'expired silences pruned');
    }
    const listed = run.sweep ? await step.store.dueCustomers(t, DUE_PER_PASS) : [];
    const customers = [...new Set([...run.keys, ...listed])];
    if (customers.length === 0) return;
    const silences: SilenceStore = {
      version: 1,
      silences: Object.fromEntries((await step.store.listSilences()).map((s) => [s.id, s])),
    };
    await forEachBounded(customers, FLUSHES_IN_FLIGHT, async (customerId) => {
      try {
        const flushed = await flushCustomer({ ...step, engine: deps.engine, silences }, customerId);
        counts.notifications += flushed.notifications;
        counts.muted += flushed.muted;
        if (flushed.handedOver > 0) deps.wakeDelivery(step.now());
      } catch (err) {
        log.warn({ err, customerId }, 'flush failed; the customer stays due');
      }
    });
    if (listed.length === DUE_PER_PASS) deps.sweepSoon();
  };
}

/**
 * Works the outbox until nothing is due (at most BATCHES_PER_PASS claims), then asks for the next pass
 * when a unit held back by a rate limit or a Retry-After pause is due again, or at once when the pass
 * stopped at its bound with units left.
 */
export function createDeliveryPass(deps: PassDeps): (run: WakeRun) => Promise<void> {
  const { engine, counts } = deps;
  return async () => {
    for (let batch = 0; batch < BATCHES_PER_PASS; batch += 1) {
      const summary = await engine.runOnce();
      for (const key of Object.keys(counts.delivery) as (keyof RunSummary)[]) {
        counts.delivery[key] += summary[key];
      }
      if (summary.claimed === 0 || summary.claimed === summary.deferred) break;
      if (batch === BATCHES_PER_PASS - 1) deps.wakeDelivery(deps.step.now());
    }
    const held = engine.takeHeldUntil();
    if (held !== null) deps.wakeDelivery(held);
  };
}
