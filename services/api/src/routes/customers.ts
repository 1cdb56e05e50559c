import { scoreSummarySchema } from '@trustwatch/schemas';
import { z } from 'zod';
import { ANY_ROLE, visibleCustomers } from '../auth/access-policy.js';
import type { RouteDeps, ZodApp } from '../deps.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import type { Principal } from '../auth/principal.js';
import { principalOf } from '../http/guard.js';
import { keysetPage, pageQueryShape, pageSchema } from '../http/pagination.js';
import { AUTHENTICATED, customerParams } from './params.js';

export const customerViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  summary: scoreSummarySchema.nullable(),
});

/** The portfolio: customers the caller may see, each with its current score. */
export function customerRoutes(app: ZodApp, deps: RouteDeps): void {
  app.get(
    '/v1/customers',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: {
        tags: ['customers'],
        summary: 'Customers the caller may see, with their current trust',
        security: AUTHENTICATED,
        querystring: z.strictObject(pageQueryShape),
        response: { 200: pageSchema(customerViewSchema) },
      },
    },
    async (request) => {
      const page = await visibleCustomerPage(deps, principalOf(request), 'customers', request.query);
      const items = await Promise.all(page.items.map((id) => customerView(deps, id)));
      return { items, next: page.next };
    },
  );

  app.get(
    '/v1/customers/:customerId',
    {
      config: { access: { roles: ANY_ROLE, customer: { in: 'params', name: 'customerId' } } },
      schema: {
        tags: ['customers'],
        summary: 'One customer with its current trust',
        security: AUTHENTICATED,
        params: customerParams,
        response: { 200: customerViewSchema },
      },
    },
    async (request) => customerView(deps, request.params.customerId),
  );
}

/**
 * One page of the customers a principal may see, by id. The cursor is bound to the listing and the
 * caller, so one principal's cursor cannot page another's listing.
 */
export async function visibleCustomerPage(
  deps: RouteDeps,
  principal: Principal,
  listing: string,
  query: { readonly limit: number; readonly cursor?: string | undefined },
): Promise<{ items: readonly string[]; next: string | null }> {
  const visible = await visibleCustomers(principal, deps.customers);
  const at = { listing, scope: `${principal.role}:${principal.subject}` };
  if (visible === 'all') return storePage(deps, at, query);
  const assigned = (await deps.customers.list()).filter((c) => visible.has(c.id)).map((c) => c.id);
  return keysetPage(assigned, (id) => id, at, query);
}

/**
 * Admin and security see every customer the store knows, paged by the store itself (one round trip
 * per page), so the listing does not depend on the directory file naming every customer.
 */
async function storePage(
  deps: RouteDeps,
  at: { readonly listing: string; readonly scope: string },
  query: { readonly limit: number; readonly cursor?: string | undefined },
): Promise<{ items: readonly string[]; next: string | null }> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, at.listing, at.scope);
  const page = await deps.store.listCustomers(
    after === undefined ? { limit: query.limit } : { limit: query.limit, cursor: after },
  );
  return {
    items: page.customerIds,
    next: page.next === null ? null : encodeCursor(at.listing, at.scope, page.next),
  };
}

/** A customer with its directory name (its id when the directory does not name it) and current score. */
export async function customerView(deps: RouteDeps, id: string): Promise<z.infer<typeof customerViewSchema>> {
  const [entry, summary] = await Promise.all([deps.customers.get(id), deps.store.getSummary(id)]);
  return { id, name: entry?.name ?? id, summary };
}
