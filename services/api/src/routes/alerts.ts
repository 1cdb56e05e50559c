import { entityIdSchema } from '@trustwatch/schemas';
import { z } from 'zod';
import { ALERT_ROLES, ANY_ROLE, visibleCustomers } from '../auth/access-policy.js';
import type { RouteDeps, ZodApp } from '../deps.js';
import { ApiError } from '../errors.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { principalOf } from '../http/guard.js';
import { pageQueryShape, pageSchema } from '../http/pagination.js';
import { alertRecordSchema } from '../ports/alerting.js';
import { AUTHENTICATED } from './params.js';

const fingerprintParams = z.strictObject({ fingerprint: z.string().regex(/^[0-9a-f]{16,64}$/) });

/** Alerts: listed for the customers the caller may see; acknowledged by security and admins. */
export function alertRoutes(app: ZodApp, deps: RouteDeps): void {
  app.get(
    '/v1/alerts',
    {
      config: { access: { roles: ANY_ROLE, customer: { in: 'query', name: 'customerId' } } },
      schema: {
        tags: ['alerts'],
        summary: 'Alerts of the customers the caller may see, by fingerprint',
        security: AUTHENTICATED,
        querystring: z.strictObject({
          ...pageQueryShape,
          status: z.enum(['firing', 'resolved']).optional(),
          customerId: entityIdSchema.optional(),
        }),
        response: { 200: pageSchema(alertRecordSchema) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { limit, cursor, status, customerId } = request.query;
      const visible = await visibleCustomers(principal, deps.customers);
      // The guard has already refused a customerId the caller may not see.
      const customers = customerId !== undefined ? [customerId] : visible === 'all' ? 'all' : [...visible];
      const scope = `${principal.role}:${principal.subject}:${customerId ?? '*'}:${status ?? '*'}`;
      const after = cursor === undefined ? undefined : decodeCursor(cursor, 'alerts', scope);
      const page = await deps.alerts.list({
        customers,
        limit,
        ...(after === undefined ? {} : { after }),
        ...(status === undefined ? {} : { status }),
      });
      return {
        items: [...page.items],
        next: page.next === null ? null : encodeCursor('alerts', scope, page.next),
      };
    },
  );

  app.post(
    '/v1/alerts/:fingerprint/acknowledge',
    {
      config: { access: { roles: ALERT_ROLES } },
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge an alert',
        security: AUTHENTICATED,
        params: fingerprintParams,
        body: z.strictObject({ comment: z.string().max(1000).default('') }),
        response: { 200: alertRecordSchema },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const record = await deps.alerts.acknowledge(request.params.fingerprint, {
        by: principal.subject,
        at: new Date(deps.now()).toISOString(),
        comment: request.body.comment,
      });
      if (record === null) throw new ApiError('NOT_FOUND', 'no such alert');
      return record;
    },
  );
}
