import { z } from 'zod';
import { ADMIN_ONLY, ALERT_ROLES } from '../auth/access-policy.js';
import type { RouteDeps, ZodApp } from '../deps.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { pageQueryShape, pageSchema } from '../http/pagination.js';
import { deliverySchema, receiverSchema, ruleSchema, type Receiver } from '../ports/alerting.js';
import { AUTHENTICATED } from './params.js';

const nameParams = z.strictObject({ name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/) });

/**
 * Shows where a receiver delivers without the secret part: an URL keeps its origin only (a Slack or
 * webhook URL is a credential), an address keeps its domain.
 */
export function maskEndpoint(endpoint: string): string {
  if (URL.canParse(endpoint)) return `${new URL(endpoint).origin}/…`;
  const at = endpoint.lastIndexOf('@');
  return at >= 0 ? `…${endpoint.slice(at)}` : '…';
}

const masked = (r: Receiver): Receiver => ({ ...r, endpoint: maskEndpoint(r.endpoint) });

/** Receivers and rules (read: security and admins; write: admins) and the delivery log. */
export function alertingConfigRoutes(app: ZodApp, deps: RouteDeps): void {
  const read = { roles: ALERT_ROLES } as const;
  const write = { roles: ADMIN_ONLY } as const;

  app.get(
    '/v1/receivers',
    {
      config: { access: read },
      schema: {
        tags: ['alerting'],
        summary: 'Receivers, endpoints masked',
        security: AUTHENTICATED,
        response: { 200: z.strictObject({ items: z.array(receiverSchema) }) },
      },
    },
    async () => ({ items: (await deps.receivers.list()).map(masked) }),
  );
  app.put(
    '/v1/receivers/:name',
    {
      config: { access: write },
      schema: {
        tags: ['alerting'],
        summary: 'Create or replace a receiver',
        security: AUTHENTICATED,
        params: nameParams,
        body: receiverSchema.omit({ name: true }),
        response: { 200: receiverSchema },
      },
    },
    async (request) => masked(await deps.receivers.put({ ...request.body, name: request.params.name })),
  );
  app.get(
    '/v1/rules',
    {
      config: { access: read },
      schema: {
        tags: ['alerting'],
        summary: 'Alert rules',
        security: AUTHENTICATED,
        response: { 200: z.strictObject({ items: z.array(ruleSchema) }) },
      },
    },
    async () => ({ items: await deps.rules.list() }),
  );
  app.put(
    '/v1/rules/:name',
    {
      config: { access: write },
      schema: {
        tags: ['alerting'],
        summary: 'Create or replace an alert rule',
        security: AUTHENTICATED,
        params: nameParams,
        body: ruleSchema.omit({ name: true }),
        response: { 200: ruleSchema },
      },
    },
    async (request) => deps.rules.put({ ...request.body, name: request.params.name }),
  );
  app.get(
    '/v1/deliveries',
    {
      config: { access: read },
      schema: {
        tags: ['alerting'],
        summary: 'The delivery log: every notification attempt and its outcome',
        security: AUTHENTICATED,
        querystring: z.strictObject(pageQueryShape),
        response: { 200: pageSchema(deliverySchema) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const after = cursor === undefined ? undefined : decodeCursor(cursor, 'deliveries', '');
      const page = await deps.deliveries.list({ limit, ...(after === undefined ? {} : { after }) });
      return {
        items: [...page.items],
        next: page.next === null ? null : encodeCursor('deliveries', '', page.next),
      };
    },
  );
}
