/**
 * Calls `fn` on every item with at most `limit` calls in flight, and resolves when all have settled.
 * `fn` must not throw (each caller records its own failures): one failure must not stop the others.
 * The Redis store sends commands issued in the same tick as one pipeline, so a bounded fan-out of
 * independent customers costs a few round trips instead of one per customer.
 */
export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
