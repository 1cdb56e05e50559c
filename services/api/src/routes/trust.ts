import { scoreSummarySchema } from '@trustwatch/schemas';
import { MAX_READ_LIMIT } from '@trustwatch/store';
import { z } from 'zod';
import { ANY_ROLE } from '../auth/access-policy.js';
import type { RouteDeps, ZodApp } from '../deps.js';
import { ApiError } from '../errors.js';
import { breakdown, breakdownSchema } from './breakdown.js';
import { AUTHENTICATED, customerParams, instantQuery } from './params.js';

const DAY_MS = 86_400_000;
// Enough points for a smooth chart.
const MAX_HISTORY_POINTS = 200;
// Summaries read per request (the store's largest page): one bounded round trip.
const HISTORY_READ = MAX_READ_LIMIT;

const access = { roles: ANY_ROLE, customer: { in: 'params', name: 'customerId' } } as const;

/** A customer's trust: now or as of an instant, the per-vendor breakdown, and its history for charts. */
export function trustRoutes(app: ZodApp, deps: RouteDeps): void {
  app.get(
    '/v1/customers/:customerId/trust',
    {
      config: { access },
      schema: {
        tags: ['trust'],
        summary: 'The current score, or the score as of `at`',
        security: AUTHENTICATED,
        params: customerParams,
        querystring: z.strictObject({ at: instantQuery.optional() }),
        response: { 200: scoreSummarySchema },
      },
    },
    async (request) => {
      const { customerId } = request.params;
      const at = request.query.at;
      const summary =
        at === undefined
          ? await deps.store.getSummary(customerId)
          : await deps.store.summaryAsOf(customerId, Date.parse(at));
      if (summary === null)
        throw new ApiError('NOT_FOUND', 'no score recorded for this customer at that time');
      return summary;
    },
  );

  app.get(
    '/v1/customers/:customerId/trust/breakdown',
    {
      config: { access },
      schema: {
        tags: ['trust'],
        summary: 'Per-vendor breakdown: every factor with its evidence and the points it takes off',
        security: AUTHENTICATED,
        params: customerParams,
        querystring: z.strictObject({ at: instantQuery.optional() }),
        response: { 200: breakdownSchema },
      },
    },
    async (request) => {
      const at = request.query.at === undefined ? deps.now() : Date.parse(request.query.at);
      const factors = await deps.store.getFactors(request.params.customerId);
      return breakdown(request.params.customerId, factors, at, deps.policy);
    },
  );

  app.get(
    '/v1/customers/:customerId/trust/history',
    {
      config: { access },
      schema: {
        tags: ['trust'],
        summary:
          'The score in force at `from` and every stored score up to `to`, oldest first, thinned to at most `points` for charts',
        security: AUTHENTICATED,
        params: customerParams,
        querystring: z.strictObject({
          from: instantQuery.optional(),
          to: instantQuery.optional(),
          points: z.coerce.number().int().min(2).max(MAX_HISTORY_POINTS).default(30),
        }),
        response: { 200: z.strictObject({ customerId: z.string(), items: z.array(scoreSummarySchema) }) },
      },
    },
    async (request) => {
      const to = request.query.to === undefined ? deps.now() : Date.parse(request.query.to);
      const from = request.query.from === undefined ? to - 30 * DAY_MS : Date.parse(request.query.from);
      if (!(from < to)) throw new ApiError('INVALID_REQUEST', '`from` must be before `to`');
      const { customerId } = request.params;
      // The window's scores in one read, plus the score already in force when the window opens.
      const [window, opening] = await Promise.all([
        deps.store.summaryHistory(customerId, { from, to, limit: HISTORY_READ }),
        deps.store.summaryAsOf(customerId, from),
      ]);
      const stored = [...window].reverse();
      // A full read means older scores of the window were left out: the opening one would misplace the start.
      const complete = window.length < HISTORY_READ;
      if (complete && opening !== null && stored[0]?.at !== opening.at) stored.unshift(opening);
      const items = thin(stored, request.query.points);
      return { customerId, items };
    },
  );
}

/** At most `points` items spread evenly over the list, always keeping its first and last. */
export function thin<T>(items: readonly T[], points: number): T[] {
  if (items.length <= points) return [...items];
  const picked = new Set<number>();
  for (let i = 0; i < points; i += 1) picked.add(Math.round((i * (items.length - 1)) / (points - 1)));
  return [...picked].flatMap((index) => {
    const item = items[index];
    return item === undefined ? [] : [item];
  });
}
