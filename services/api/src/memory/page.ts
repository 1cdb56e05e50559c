import type { Page, PageQuery } from '../ports/page.js';

/** Keyset page over items already sorted by `key`: those strictly after `query.after`. */
export function pageOf<T>(sorted: readonly T[], key: (item: T) => string, query: PageQuery): Page<T> {
  const after = query.after;
  const rest = after === undefined ? sorted : sorted.filter((item) => key(item) > after);
  const items = rest.slice(0, query.limit);
  const last = items.at(-1);
  return { items, next: rest.length > items.length && last !== undefined ? key(last) : null };
}

export const byKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T): number =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
