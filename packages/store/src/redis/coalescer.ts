import type { ChainableCommander, Redis } from 'ioredis';
import { StoreError, unavailable } from '../errors.js';

/** What a caller queues: the commands of one store call, added to the shared pipeline in order. */
export type QueueCommands = (pipeline: ChainableCommander) => void;

/**
 * Collects the commands of store calls issued in the same tick and sends them as one pipeline: one
 * socket write, however many callers. A batch of planners reading their customers concurrently
 * (`Promise.all`) costs one round trip instead of one each.
 */
export interface Coalescer {
  /**
   * Queues one call's commands for the next flush and resolves with their replies, in order. Rejects
   * (UNAVAILABLE, naming `operation`) when one of its own commands failed, when the pipeline could not
   * be sent, or, for a `write`, when writes are held at flush time; other callers are unaffected.
   */
  send(operation: string, queue: QueueCommands, options?: { readonly write?: boolean }): Promise<unknown[]>;
}

export interface CoalescerOptions {
  /** Whether writes may go out now (RedisStoreOptions.writable), checked right before each flush. */
  readonly writable?: () => boolean;
}

interface Pending {
  readonly operation: string;
  readonly queue: QueueCommands;
  readonly write: boolean;
  readonly resolve: (replies: unknown[]) => void;
  readonly reject: (error: unknown) => void;
}

// After every promise job already queued, and the jobs those queue in turn, ran: callers that reach the
// store through a chain of already-resolved awaits still join this flush. The scheduling DataLoader
// uses (graphql/dataloader: enqueuePostPromiseJob).
function afterPromiseJobs(flush: () => void): void {
  void Promise.resolve().then(() => {
    process.nextTick(flush);
  });
}

/**
 * A coalescer on one client. Deliberately not ioredis `enableAutoPipelining`, which mishandles custom
 * (Lua) commands and clients with the offline queue off (ioredis#1511): here only the store's own calls
 * are batched, and each call's commands stay contiguous and in order inside the pipeline.
 */
export function createCoalescer(redis: Redis, options: CoalescerOptions = {}): Coalescer {
  const writable = options.writable ?? (() => true);
  let queued: Pending[] = [];

  function flush(): void {
    const batch = queued;
    queued = [];
    const pipeline = redis.pipeline();
    const spans: { pending: Pending; start: number; end: number }[] = [];
    // Checked synchronously right before the send: no await lies between the check and the write.
    const hold = !writable();
    for (const pending of batch) {
      if (pending.write && hold) {
        pending.reject(
          new StoreError(
            'UNAVAILABLE',
            `Redis ${pending.operation} held: reconnected, restart check pending`,
          ),
        );
        continue;
      }
      const start = pipeline.length;
      try {
        pending.queue(pipeline);
      } catch (error) {
        // A caller's arguments broke while queueing: it alone fails. Queue functions compute their
        // arguments before adding any command, so nothing of theirs goes out half-queued.
        pending.reject(error);
        continue;
      }
      spans.push({ pending, start, end: pipeline.length });
    }
    if (spans.every((s) => s.end === s.start)) {
      for (const { pending } of spans) pending.resolve([]);
      return;
    }
    pipeline.exec().then(
      (results) => {
        for (const { pending, start, end } of spans) {
          const own = (results ?? []).slice(start, end);
          const failed = own.find(([err]) => err !== null);
          if (own.length < end - start) pending.reject(unavailable(pending.operation, 'missing replies'));
          else if (failed?.[0]) pending.reject(unavailable(pending.operation, failed[0]));
          else pending.resolve(own.map(([, reply]) => reply));
        }
      },
      (cause: unknown) => {
        for (const { pending } of spans) pending.reject(unavailable(pending.operation, cause));
      },
    );
  }

  return {
    send(operation, queue, sendOptions = {}) {
      return new Promise((resolve, reject) => {
        if (queued.length === 0) afterPromiseJobs(flush);
        queued.push({ operation, queue, write: sendOptions.write === true, resolve, reject });
      });
    },
  };
}
