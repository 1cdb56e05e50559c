import { z } from 'zod';
import { decodeCursor, encodeCursor } from './cursor.js';

/** Maximum page size of every listing. */
export const MAX_PAGE = 100;

/** The query every listing accepts: `limit` (1..100, default 50) and an opaque `cursor`. */
export const pageQueryShape = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,1024}$/)
    .optional(),
};

/** The shape of every listing's response: the items and the cursor of the next page (null at the end). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.strictObject({ items: z.array(item), next: z.string().nullable() });
}

/**
 * Keyset page over items read whole (a fleet, the customer directory): sorted by `key`, those after
 * the cursor, with a next cursor bound to `listing` and `scope`.
 */
export function keysetPage<T>(
  items: readonly T[],
  key: (item: T) => string,
  at: { readonly listing: string; readonly scope: string },
  query: { readonly limit: number; readonly cursor?: string | undefined },
): { items: T[]; next: string | null } {
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, at.listing, at.scope);
  const rest = after === undefined ? sorted : sorted.filter((item) => key(item) > after);
  const page = rest.slice(0, query.limit);
  const last = page.at(-1);
  const more = rest.length > page.length && last !== undefined;
  return { items: page, next: more ? encodeCursor(at.listing, at.scope, key(last)) : null };
}
