import { z } from 'zod';
import { ANY_ROLE } from '../auth/access-policy.js';
import { ROLES } from '../auth/principal.js';
import type { RouteDeps, ZodApp } from '../deps.js';
import { principalOf } from '../http/guard.js';
import { pageQueryShape, pageSchema } from '../http/pagination.js';
import { customerView, customerViewSchema, visibleCustomerPage } from './customers.js';
import { AUTHENTICATED } from './params.js';
import { thin } from './trust.js';

const DAY_MS = 86_400_000;
// A sparkline shows the direction of the last month; a dozen points draw it without noise.
const TREND_DAYS = 30;
const TREND_POINTS = 12;
// Scores read per customer for its trend: one bounded round trip even for a busy customer.
const TREND_READ = 200;
// Firing alerts counted per customer; the dashboard shows "100+" beyond this.
const ALERT_COUNT_CAP = 100;

const portfolioItemSchema = customerViewSchema.extend({
  /** Overall scores of the last 30 days, oldest first, thinned for a sparkline. */
  trend: z.array(z.strictObject({ at: z.string(), score: z.number() })),
  /** Firing alerts of this customer (at most 100 counted). */
  openAlerts: z.number().int().nonnegative(),
});

/**
 * What the dashboard's front page and header need in one request each: the portfolio (customers the
 * caller may see, with score, trend and open alerts) and who the caller is.
 */
export function portfolioRoutes(app: ZodApp, deps: RouteDeps): void {
  app.get(
    '/v1/portfolio',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: {
        tags: ['customers'],
        summary: 'Customers the caller may see, with current trust, a 30-day trend and open alerts',
        security: AUTHENTICATED,
        querystring: z.strictObject(pageQueryShape),
        response: { 200: pageSchema(portfolioItemSchema) },
      },
    },
    async (request) => {
      const page = await visibleCustomerPage(deps, principalOf(request), 'portfolio', request.query);
      const items = await Promise.all(page.items.map((id) => portfolioItem(deps, id)));
      return { items, next: page.next };
    },
  );

  app.get(
    '/v1/me',
    {
      config: { access: { roles: ANY_ROLE } },
      schema: {
        tags: ['auth'],
        summary: 'The caller: subject and role (what the dashboard may offer them)',
        security: AUTHENTICATED,
        response: { 200: z.strictObject({ subject: z.string(), role: z.enum(ROLES) }) },
      },
    },
    (request) => {
      const { subject, role } = principalOf(request);
      return { subject, role };
    },
  );
}

async function portfolioItem(deps: RouteDeps, id: string): Promise<z.infer<typeof portfolioItemSchema>> {
  const to = deps.now();
  const [view, history, alerts] = await Promise.all([
    customerView(deps, id),
    deps.store.summaryHistory(id, { from: to - TREND_DAYS * DAY_MS, to, limit: TREND_READ }),
    deps.alerts.list({ customers: [id], status: 'firing', limit: ALERT_COUNT_CAP }),
  ]);
  const oldestFirst = [...history].reverse().map((s) => ({ at: s.at, score: s.overall.score }));
  return { ...view, trend: thin(oldestFirst, TREND_POINTS), openAlerts: alerts.items.length };
}
