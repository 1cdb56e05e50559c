import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { ANY_ROLE } from '../auth/access-policy.js';
import type { RouteDeps, ZodApp } from '../deps.js';
import { AUTHENTICATED, customerParams } from './params.js';

const streamId = z.string().regex(/^\d{1,20}-\d{1,20}$/);
// Entries per look: a reconnecting client far behind catches up over several polls.
const BATCH = 100;

/**
 * The live feed over Server-Sent Events. Each connection follows the customer's feed in the store
 * (so any API instance serves it and a reconnect with `Last-Event-ID` resumes without a gap).
 */
export function liveFeedRoutes(app: ZodApp, deps: RouteDeps): void {
  const open = new Set<ServerResponse>();
  app.addHook('preClose', (done) => {
    // End each stream and its connection: the client reconnects (to another instance) with Last-Event-ID.
    // A hijacked stream's socket never counts as idle, so the server's close would wait on it.
    for (const res of open) {
      res.end();
      res.socket?.destroySoon();
    }
    done();
  });

  app.get(
    '/v1/customers/:customerId/feed/live',
    {
      config: { access: { roles: ANY_ROLE, customer: { in: 'params', name: 'customerId' } } },
      schema: {
        tags: ['feed'],
        summary: 'Trust changes as they arrive (text/event-stream, event `trust.changed`, id = feed id)',
        security: AUTHENTICATED,
        params: customerParams,
        headers: z.looseObject({ 'last-event-id': streamId.optional() }),
        response: {
          200: {
            description: 'One `trust.changed` event per feed entry, `data` a TrustChanged JSON object',
            content: { 'text/event-stream': { schema: z.string() } },
          },
        },
      },
    },
    async (request, reply) => {
      const { customerId } = request.params;
      const resumeFrom = request.headers['last-event-id'];
      // Without Last-Event-ID the stream starts at the newest entry: only what arrives from now on.
      let position = resumeFrom ?? (await deps.store.feed(customerId, { limit: 1 })).entries[0]?.id ?? '0-0';
      const res = reply.raw;
      reply.hijack();
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n\n');
      open.add(res);
      let timer: NodeJS.Timeout | undefined;
      let lastWrite = deps.now();
      const stop = () => {
        clearTimeout(timer);
        open.delete(res);
      };
      res.on('close', stop);
      const poll = async () => {
        try {
          const page = await deps.store.feed(customerId, { limit: BATCH, since: position });
          for (const entry of page.entries) {
            res.write(`id: ${entry.id}\nevent: trust.changed\ndata: ${JSON.stringify(entry.change)}\n\n`);
            position = entry.id;
            lastWrite = deps.now();
          }
          if (deps.now() - lastWrite >= deps.limits.liveHeartbeatMs) {
            res.write(': keep-alive\n\n');
            lastWrite = deps.now();
          }
        } catch (err) {
          request.log.warn({ err, customerId }, 'live feed poll failed; retrying');
        }
        if (open.has(res)) timer = setTimeout(() => void poll(), deps.limits.livePollMs);
      };
      await poll();
    },
  );
}
