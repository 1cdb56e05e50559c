import type { SharedFactor } from '@trustwatch/schemas';
import type { Redis } from 'ioredis';
import { checkEffects, chunks, noConflict, progressPlan } from '../effects.js';
import { scriptError, StoreError, unavailable } from '../errors.js';
import type { StoreKeys } from '../keys.js';
import type {
  ApplyExtras,
  ApplyOutcome,
  CustomerEffects,
  CustomerSnapshot,
  FanOutResult,
  StoreLimits,
} from '../port.js';
import { applyEffectsArgs, parseApplyReply } from './apply-args.js';
import type { Coalescer } from './coalescer.js';
import {
  fetchShared,
  loadRequest,
  parseLoad,
  queueLoad,
  toSnapshot,
  type ParseCaches,
  type PipelineResult,
} from './load-customers.js';
import { noteBindings } from './held-shared.js';
import { queueProgress, settleProgress } from './progress.js';
import type { ReadAhead } from './read-ahead.js';
import { isNoScript, keepFirstSuccesses, loadScripts } from './scripts.js';
import { queueShared } from './vendor-catalog.js';

export interface FanOutContext {
  readonly redis: Redis;
  /** Carries the lookups of shared factors not seen before, shared with concurrent reads. */
  readonly batch: Coalescer;
  readonly keys: StoreKeys;
  readonly limits: StoreLimits;
  readonly now: () => number;
  /** Throws while writes are held (see RedisStoreOptions.writable); called right before each send. */
  readonly guardWrite: (operation: string) => void;
  /** The store's parsed-JSON caches, shared with its other reads. */
  readonly caches: ParseCaches;
  /** Snapshots a vendor lookup read ahead for this fan-out. */
  readonly readAhead: ReadAhead;
}

/**
 * The pipelined fan-out behind TrustStore.fanOut: step i sends chunk i-1's applies and chunk i's reads
 * in one pipeline; a first chunk read ahead (see ReadAhead) skips step 0. A NOSCRIPT reply reloads the
 * scripts and resends that step: its reads are reads, and its applies that did run find their dedupe
 * markers and keep their first reply.
 */
export async function fanOutInRedis(
  ctx: FanOutContext,
  customerIds: readonly string[],
  compute: (snapshots: readonly CustomerSnapshot[]) => readonly CustomerEffects[],
  extras: ApplyExtras,
): Promise<FanOutResult> {
  const { redis, keys, limits } = ctx;
  const plan = progressPlan(extras);
  for (const { version } of extras.shared ?? []) {
    if (!Number.isSafeInteger(version))
      throw new StoreError('INVALID_ARGUMENT', 'version must be an integer');
  }
  const known = new Map<string, SharedFactor | null>(
    (extras.shared ?? []).map((s) => [s.factor.id, s.factor]),
  );
  const parts = chunks(customerIds, limits.chunkSize);
  const outcomes: ApplyOutcome[] = [];
  // Effects of a chunk, each conditional on the revision its snapshot was read at.
  const computeChunk = (snapshots: readonly CustomerSnapshot[]): CustomerEffects[] => {
    const revisions = new Map(snapshots.map((s) => [s.customerId, s.revision]));
    const effects = compute(snapshots).map((e) =>
      e.expectedRevision !== undefined || !revisions.has(e.customerId)
        ? e
        : { ...e, expectedRevision: revisions.get(e.customerId) ?? 0 },
    );
    effects.forEach(checkEffects);
    noteBindings(ctx.caches.heldShared, effects);
    return effects;
  };
  // A first chunk read ahead with the vendor lookup (see ReadAhead) is computed before any send.
  const ahead = parts[0] === undefined ? undefined : ctx.readAhead.take(parts[0]);
  // Whatever else was kept for these customers is about to be out of date.
  ctx.readAhead.discard(customerIds);
  const firstStep = ahead === undefined ? 0 : 1;
  let pending: readonly CustomerEffects[] = ahead === undefined ? [] : computeChunk(ahead);
  for (let step = firstStep; step <= parts.length; step += 1) {
    const shared = step === firstStep ? (extras.shared ?? []) : [];
    const load = loadRequest(parts[step] ?? [], known, ctx.caches);
    // The position rides with the last applies; a conditional one only while no chunk conflicted.
    const progress =
      step === parts.length && (plan?.ifClean !== true || noConflict(outcomes)) ? plan : undefined;
    let queued = 0;
    const send = async (): Promise<PipelineResult> => {
      const pipeline = redis.pipeline();
      queued = queueShared(pipeline, keys, shared);
      for (const effects of pending)
        pipeline.twApplyEffects(...applyEffectsArgs(keys, limits, ctx.now(), effects));
      queueLoad(pipeline, keys, load);
      // The listing index spans customers (another cluster slot), so it rides here, not in the script.
      const scored = pending.filter((e) => e.summary !== undefined).map((e) => e.customerId);
      if (scored.length > 0) pipeline.zadd(keys.customerIndex, 'NX', ...scored.flatMap((id) => [0, id]));
      if (progress !== undefined) queueProgress(pipeline, keys, progress, pending);
      ctx.guardWrite('fanOut');
      try {
        return (await pipeline.exec()) ?? [];
      } catch (cause) {
        throw unavailable('fanOut', cause);
      }
    };
    let results = await send();
    if (results.some(([err]) => isNoScript(err))) {
      try {
        await loadScripts(redis);
      } catch (cause) {
        throw unavailable('SCRIPT LOAD', cause);
      }
      results = keepFirstSuccesses(results, await send());
    }
    const progressResult = progress === undefined ? undefined : results.pop();
    const failed = results.find(([err]) => err !== null);
    if (failed?.[0]) throw unavailable('fanOut', failed[0]);
    results.slice(0, shared.length).forEach(([, reply]) => {
      if (typeof reply === 'number' && reply < 0) throw scriptError('putSharedFactor', reply);
    });
    pending.forEach((effects, i) =>
      outcomes.push(parseApplyReply(effects.customerId, results[queued + i]?.[1])),
    );
    if (progress !== undefined) {
      return { outcomes, progressRecorded: await settleProgress(ctx, progress, progressResult, outcomes) };
    }
    const replies = results.map(([, reply]) => reply);
    const rows = parseLoad(load, replies, queued + pending.length, ctx.caches, known);
    await fetchShared(ctx.batch, keys, rows, known, ctx.caches);
    const snapshots = rows.map((row) => toSnapshot(row, known, ctx.caches));
    pending = load.customerIds.length === 0 ? [] : computeChunk(snapshots);
  }
  return { outcomes, progressRecorded: false };
}
