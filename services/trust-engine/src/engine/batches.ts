/**
 * Maps items through an async function, `size` at a time. Concurrent store reads go out back to back
 * on one connection (one round trip per batch instead of one per item), and the batch bound keeps a
 * 5,000-customer fan-out from holding 5,000 replies in flight.
 */
export async function mapInBatches<T, R>(
  items: readonly T[],
  size: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  }
  return out;
}
