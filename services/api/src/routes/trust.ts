import { scoreSummarySchema, type ScoreSummary } from '@trustwatch/schemas';
import { z } from 'zod';
import { ANY_ROLE } from '../auth/access-policy.js';
import type { RouteDeps, ZodApp } from '../deps.js';
import { ApiError } from '../errors.js';
import { breakdown, breakdownSchema } from './breakdown.js';
import { AUTHENTICATED, customerParams, instantQuery } from './params.js';

const DAY_MS = 86_400_000;
// Enough points for a smooth chart; each point is one store read.
const MAX_HISTORY_POINTS = 200;

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
        summary: 'Scores between `from` and `to`, sampled at up to `points` instants, for charts',
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
      const { points } = request.query;
      const instants = Array.from(
        { length: points },
        (_, i) => from + Math.round(((to - from) * i) / (points - 1)),
      );
      const summaries = await Promise.all(instants.map((t) => deps.store.summaryAsOf(customerId, t)));
      // Neighbouring samples often land on the same stored summary: keep each once.
      const seen = new Set<string>();
      const items: ScoreSummary[] = [];
      for (const summary of summaries) {
        if (summary === null || seen.has(summary.at)) continue;
        seen.add(summary.at);
        items.push(summary);
      }
      return { customerId, items };
    },
  );
}
