import { BusError } from './errors.js';
import type { ConsumerHandle } from './port.js';

/** Default time a drain may take before `stop()` gives up: inside Kubernetes' 30 s termination grace. */
export const DEFAULT_DRAIN_DEADLINE_MS = 25_000;

/** Runs `drain` at most once and bounds it by a deadline. */
export function consumerHandle(
  groupId: string,
  drain: () => Promise<void>,
  onStopped: () => void,
): ConsumerHandle {
  let stopping: Promise<void> | undefined;
  return {
    groupId,
    stop(deadlineMs = DEFAULT_DRAIN_DEADLINE_MS): Promise<void> {
      stopping ??= drain().finally(onStopped);
      return withDeadline(
        stopping,
        deadlineMs,
        `consumer group ${groupId} did not drain within ${deadlineMs} ms`,
      );
    },
  };
}

/** Rejects with a retriable SHUTDOWN_TIMEOUT if `work` is not done in time (the work itself goes on). */
export async function withDeadline<T>(work: Promise<T>, deadlineMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BusError('SHUTDOWN_TIMEOUT', message)), deadlineMs);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
