import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checkCustomer, checkRole, type Access } from '../auth/access-policy.js';
import { authenticate, type AuthDeps } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import type { CustomerDirectory } from '../ports/customers.js';
import type { TrustStore } from '@trustwatch/store';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The caller of a non-public route (set by the guard before any handler runs). */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new ApiError('UNAUTHENTICATED', 'credentials required');
  return request.principal;
}

/**
 * Installs the access policy: authentication and the role check on request (before the body is read),
 * the customer check after validation (before the handler does any work).
 */
export function installGuard(
  app: FastifyInstance,
  deps: AuthDeps & { readonly customers: CustomerDirectory; readonly store: TrustStore },
): void {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined)
      throw new Error(`route ${route.method.toString()} ${route.url} declares no access`);
    // Every input is validated: a route without query parameters refuses any, as others refuse unknown ones.
    if (route.schema !== undefined) route.schema.querystring ??= z.strictObject({});
  });
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    // Unmatched URLs reach the 404 handler without a route config; they serve nothing.
    if (access === undefined || 'public' in access) return;
    request.principal = await authenticate(deps, request.headers);
    checkRole(request.principal, access);
  });
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || 'public' in access || access.customer === undefined) return;
    const source = (access.customer.in === 'params' ? request.params : request.query) as Record<
      string,
      unknown
    >;
    const customerId = source[access.customer.name];
    if (typeof customerId === 'string') await checkCustomer(principalOf(request), customerId, deps);
  });
}
