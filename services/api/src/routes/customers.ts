import { scoreSummarySchema } from '@trustwatch/schemas';
import { z } from 'zod';
import { ANY_ROLE, visibleCustomers } from '../auth/access-policy.js';
import type { RouteDeps, ZodApp } from '../deps.js';
import { ApiError } from '../errors.js';
import { principalOf } from '../http/guard.js';
import { keysetPage, pageQueryShape, pageSchema } from '../http/pagination.js';
import { AUTHENTICATED, customerParams } from './params.js';

const customerViewSchema = z.strictObject({
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
      const principal = principalOf(request);
      const visible = await visibleCustomers(principal, deps.customers);
      // The cursor is scoped to the caller, so one principal's cursor cannot page another's listing.
      const scope = `${principal.role}:${principal.subject}`;
      const all = (await deps.customers.list()).filter((c) => visible === 'all' || visible.has(c.id));
      const page = keysetPage(all, (c) => c.id, { listing: 'customers', scope }, request.query);
      const items = await Promise.all(
        page.items.map(async (c) => ({ id: c.id, name: c.name, summary: await deps.store.getSummary(c.id) })),
      );
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
    async (request) => {
      const customer = await deps.customers.get(request.params.customerId);
      if (customer === null) throw new ApiError('NOT_FOUND', 'no such customer');
      return { id: customer.id, name: customer.name, summary: await deps.store.getSummary(customer.id) };
    },
  );
}
