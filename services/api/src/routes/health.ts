import { z } from 'zod';
import type { RouteDeps, ZodApp } from '../deps.js';

// A check slower than this counts as failed: a readiness probe must answer before the orchestrator gives up.
const CHECK_TIMEOUT_MS = 2000;

async function runCheck(check: () => Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness (the process answers) and readiness (every injected dependency check passes). */
export function healthRoutes(app: ZodApp, deps: RouteDeps): void {
  const status = z.strictObject({
    status: z.enum(['ok', 'unavailable']),
    checks: z.record(z.string(), z.boolean()),
  });
  app.get(
    '/healthz',
    {
      config: { access: { public: true } },
      schema: { tags: ['health'], summary: 'Liveness', response: { 200: status } },
    },
    () => ({ status: 'ok' as const, checks: {} }),
  );
  app.get(
    '/readyz',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['health'],
        summary: 'Readiness: Redis, Kafka and other dependencies reachable',
        response: { 200: status, 503: status },
      },
    },
    async (_request, reply) => {
      const entries = Object.entries(deps.readiness ?? {});
      const results = await Promise.all(
        entries.map(async ([name, check]) => [name, await runCheck(check)] as const),
      );
      const checks = Object.fromEntries(results);
      const ok = results.every(([, passed]) => passed);
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks });
    },
  );
}
