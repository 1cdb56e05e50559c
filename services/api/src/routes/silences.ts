import { z } from 'zod';
import { ALERT_ROLES } from '../auth/access-policy.js';
import type { RouteDeps, ZodApp } from '../deps.js';
import { ApiError } from '../errors.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { principalOf } from '../http/guard.js';
import { pageQueryShape, pageSchema } from '../http/pagination.js';
import { silenceInputSchema, silenceSchema } from '../ports/alerting.js';
import { AUTHENTICATED } from './params.js';

const access = { roles: ALERT_ROLES } as const;

/** Silences: created, listed and expired by security and admins. */
export function silenceRoutes(app: ZodApp, deps: RouteDeps): void {
  app.get(
    '/v1/silences',
    {
      config: { access },
      schema: {
        tags: ['silences'],
        summary: 'Silences, oldest first',
        security: AUTHENTICATED,
        querystring: z.strictObject(pageQueryShape),
        response: { 200: pageSchema(silenceSchema) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const after = cursor === undefined ? undefined : decodeCursor(cursor, 'silences', '');
      const page = await deps.silences.list({ limit, ...(after === undefined ? {} : { after }) });
      return {
        items: [...page.items],
        next: page.next === null ? null : encodeCursor('silences', '', page.next),
      };
    },
  );

  app.post(
    '/v1/silences',
    {
      config: { access },
      schema: {
        tags: ['silences'],
        summary: 'Create a silence',
        security: AUTHENTICATED,
        body: silenceInputSchema,
        response: { 201: silenceSchema },
      },
    },
    async (request, reply) => {
      const now = deps.now();
      const startsAt = request.body.startsAt ?? new Date(now).toISOString();
      const endsAt = request.body.endsAt;
      if (Date.parse(endsAt) <= Math.max(now, Date.parse(startsAt))) {
        throw new ApiError('INVALID_REQUEST', 'a silence must end after it starts and in the future');
      }
      const silence = await deps.silences.create({
        matchers: request.body.matchers,
        startsAt,
        endsAt,
        comment: request.body.comment,
        createdBy: principalOf(request).subject,
      });
      return reply.code(201).send(silence);
    },
  );

  app.delete(
    '/v1/silences/:silenceId',
    {
      config: { access },
      schema: {
        tags: ['silences'],
        summary: 'Expire a silence now',
        security: AUTHENTICATED,
        params: z.strictObject({ silenceId: z.string().min(1).max(256) }),
        response: { 200: silenceSchema },
      },
    },
    async (request) => {
      const silence = await deps.silences.expire(
        request.params.silenceId,
        new Date(deps.now()).toISOString(),
      );
      if (silence === null) throw new ApiError('NOT_FOUND', 'no such silence');
      return silence;
    },
  );
}
