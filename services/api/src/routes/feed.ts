import { createHash } from 'node:crypto';
import { trustChangedSchema } from '@trustwatch/schemas';
import type { FeedQuery } from '@trustwatch/store';
import { z } from 'zod';
import { ANY_ROLE } from '../auth/access-policy.js';
import type { RouteDeps, ZodApp } from '../deps.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { pageQueryShape } from '../http/pagination.js';
import { AUTHENTICATED, customerParams, instantQuery } from './params.js';

export const feedEntrySchema = z.strictObject({ id: z.string(), change: trustChangedSchema });

/** The feed position just before instant `ms`: entries strictly after it arrived at or after `ms`. */
export function positionBefore(ms: number): string {
  return ms <= 0 ? '0-0' : `${String(ms - 1)}-${String(Number.MAX_SAFE_INTEGER)}`;
}

function storeQuery(
  customerId: string,
  query: { limit: number; cursor?: string | undefined; since?: string | undefined },
): FeedQuery {
  if (query.cursor !== undefined) {
    const key = decodeCursor(query.cursor, 'feed', customerId);
    const id = key.slice(2);
    return key.startsWith('s:') ? { limit: query.limit, since: id } : { limit: query.limit, before: id };
  }
  if (query.since !== undefined)
    return { limit: query.limit, since: positionBefore(Date.parse(query.since)) };
  return { limit: query.limit };
}

/** A customer's feed of trust changes: newest first, or oldest first from `since`; ETag-aware. */
export function feedRoutes(app: ZodApp, deps: RouteDeps): void {
  app.get(
    '/v1/customers/:customerId/feed',
    {
      config: { access: { roles: ANY_ROLE, customer: { in: 'params', name: 'customerId' } } },
      schema: {
        tags: ['feed'],
        summary: 'Trust changes, newest first; with `since`, those that arrived since then, oldest first',
        security: AUTHENTICATED,
        params: customerParams,
        querystring: z.strictObject({ ...pageQueryShape, since: instantQuery.optional() }),
        headers: z.looseObject({ 'if-none-match': z.string().max(200).optional() }),
        response: {
          200: z.strictObject({ items: z.array(feedEntrySchema), next: z.string().nullable() }),
          304: z.null().describe('Not modified: the page matches If-None-Match'),
        },
      },
    },
    async (request, reply) => {
      const { customerId } = request.params;
      const query = storeQuery(customerId, request.query);
      const page = await deps.store.feed(customerId, query);
      const direction = query.since === undefined ? 'b' : 's';
      const body = {
        items: page.entries.map((e) => ({ id: e.id, change: e.change })),
        next: page.next === null ? null : encodeCursor('feed', customerId, `${direction}:${page.next}`),
      };
      const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
      void reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (request.headers['if-none-match'] === etag)
        return reply
          .code(304)
          .serializer(() => '')
          .send(null);
      return body;
    },
  );
}
