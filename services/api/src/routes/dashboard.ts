import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import type { RouteDeps, ZodApp } from '../deps.js';

/**
 * The dashboard loads only its own bundled script and stylesheet and talks only to this API. No inline
 * script or style is allowed (the bundle has none), so an injected `<script>` or `style=` does nothing.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

// Bundled files carry a content hash in their names, so a name never changes content: cache for a year.
const IMMUTABLE = 'public, max-age=31536000, immutable';
// The page itself names the current hashes, so browsers must revalidate it on every visit.
const REVALIDATE = 'no-cache';
const assetParams = z.strictObject({ file: z.string().regex(/^[A-Za-z0-9_-]{1,80}\.(js|css|map)$/) });

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Trustwatch dashboard not built</title></head>
<body><main><h1>The dashboard has not been built</h1>
<p>The API is running, but the dashboard's files are missing. Run <code>npm run build</code> at the
repository root, then reload this page. The API itself (under <code>/v1</code>) works without them.</p>
</main></body></html>`;

/**
 * Serves the dashboard bundle (services/dashboard, built by `npm run build`) under `/`: the page at
 * `/`, its hashed files under `/assets/`. Without a built bundle `/` answers 503 with a page that says
 * how to build it, and the API runs as before.
 */
export async function dashboardRoutes(app: ZodApp, deps: RouteDeps): Promise<void> {
  const root = deps.dashboardDir;
  const built = root !== undefined && existsSync(join(root, 'index.html'));
  const access = { public: true } as const;
  const schema = { hide: true };
  if (!built) {
    app.get('/', { config: { access }, schema }, (_request, reply) =>
      reply
        .code(503)
        .headers({ ...SECURITY_HEADERS, 'cache-control': 'no-store', 'retry-after': '60' })
        .type('text/html; charset=utf-8')
        .send(NOT_BUILT),
    );
    return;
  }
  // Only reply.sendFile is used: each served path is a route of its own, with its own access rule.
  await app.register(fastifyStatic, { root, serve: false });
  app.get('/', { config: { access }, schema }, (_request, reply) =>
    reply
      .headers({ ...SECURITY_HEADERS, 'cache-control': REVALIDATE })
      .sendFile('index.html', { cacheControl: false }),
  );
  app.get(
    '/assets/:file',
    { config: { access }, schema: { ...schema, params: assetParams } },
    (request, reply) =>
      reply
        .headers({ ...SECURITY_HEADERS, 'cache-control': IMMUTABLE })
        .sendFile(join('assets', request.params.file), { cacheControl: false }),
  );
}
