/** A stretch of a fetched batch: a run of consecutive valid records, or one record that failed to decode. */
export type Segment =
  | { readonly kind: 'run'; readonly from: number; readonly to: number }
  | { readonly kind: 'invalid'; readonly at: number };

/**
 * Splits a fetched batch, in order, into runs of consecutive valid items (`from` inclusive, `to` exclusive)
 * of at most `maxSize` each, cut at every invalid item, which becomes a segment of its own. Together the
 * segments cover every index exactly once, in order.
 */
export function splitRuns<T>(items: readonly T[], isValid: (item: T) => boolean, maxSize: number): Segment[] {
  const segments: Segment[] = [];
  let from = 0;
  for (let at = 0; at < items.length; at += 1) {
    const valid = isValid(items[at] as T);
    if (valid && at - from < maxSize) continue;
    if (at > from) segments.push({ kind: 'run', from, to: at });
    if (valid) {
      from = at;
    } else {
      segments.push({ kind: 'invalid', at });
      from = at + 1;
    }
  }
  if (items.length > from) segments.push({ kind: 'run', from, to: items.length });
  return segments;
}
