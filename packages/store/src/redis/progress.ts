import type { ChainableCommander, Redis } from 'ioredis';
import { noConflict, type ProgressPlan } from '../effects.js';
import { scriptError, unavailable } from '../errors.js';
import type { StoreKeys } from '../keys.js';
import type { ApplyOutcome, CustomerEffects } from '../port.js';

type CommandResult = readonly [Error | null, unknown];

/**
 * Queues the position as the last command of the pipeline carrying the last applies. A `progressIfClean`
 * position goes through recordProgressIfApplied, which records it only if each of those applies left
 * its dedupe marker (none came back `conflict`); the caller queues it only when no earlier chunk of the
 * call conflicted.
 */
export function queueProgress(
  pipeline: ChainableCommander,
  keys: StoreKeys,
  plan: ProgressPlan,
  lastApplies: readonly CustomerEffects[],
): void {
  const { topic, partition, offset } = plan.position;
  const key = keys.topicProgress(topic);
  if (!plan.ifClean) {
    pipeline.twRecordProgress(key, partition, offset);
    return;
  }
  const markers = lastApplies.map((e) => keys.customer(e.customerId).dedupe(e.eventId));
  pipeline.twRecordProgressIfApplied(1 + markers.length, key, ...markers, partition, offset);
}

function isCrossSlot(error: Error | null): boolean {
  return error !== null && error.message.startsWith('CROSSSLOT');
}

/** The context settleProgress needs for the Redis Cluster fallback. */
export interface ProgressContext {
  readonly redis: Redis;
  readonly keys: StoreKeys;
  readonly guardWrite: (operation: string) => void;
}

/**
 * Reads the reply of the command queueProgress added and says whether the position is recorded. On a
 * Redis Cluster the conditional script spans slots and is refused (CROSSSLOT) before running; the
 * position is then recorded on its own, one more round trip, once the outcomes show no conflict.
 * Other failures throw (UNAVAILABLE or the script's code).
 */
export async function settleProgress(
  ctx: ProgressContext,
  plan: ProgressPlan,
  result: CommandResult | undefined,
  outcomes: readonly ApplyOutcome[],
): Promise<boolean> {
  const [err, reply] = result ?? [new Error('no reply'), null];
  if (plan.ifClean && isCrossSlot(err)) {
    if (!noConflict(outcomes)) return false;
    const { topic, partition, offset } = plan.position;
    ctx.guardWrite('recordProgress');
    let fallback: number;
    try {
      fallback = await ctx.redis.twRecordProgress(ctx.keys.topicProgress(topic), partition, offset);
    } catch (cause) {
      throw unavailable('recordProgress', cause);
    }
    if (fallback < 0) throw scriptError('recordProgress', fallback);
    return true;
  }
  if (err !== null) throw unavailable('recordProgress', err);
  const script = plan.ifClean ? 'recordProgressIfApplied' : 'recordProgress';
  if (typeof reply !== 'number' || reply < 0) {
    throw scriptError(script, typeof reply === 'number' ? reply : NaN);
  }
  // A marker can also come from another writer giving a conflicting customer the same event meanwhile:
  // the position is then true, but the outcome still says conflict, and the call reports what it saw.
  return !plan.ifClean || (reply !== 2 && noConflict(outcomes));
}
