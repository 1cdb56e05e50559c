import { shippedVendorIds } from '@trustwatch/entities';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { DEFAULT_API_LIMITS, type AppDeps, type RouteDeps, type ZodApp } from './deps.js';
import { ApiError } from './errors.js';
import { installGuard } from './http/guard.js';
import { problemSchema, sendProblem } from './http/problem.js';
import { adminRoutes } from './routes/admin.js';
import { alertRoutes } from './routes/alerts.js';
import { alertingConfigRoutes } from './routes/alerting-config.js';
import { customerRoutes } from './routes/customers.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { feedRoutes } from './routes/feed.js';
import { fleetRoutes } from './routes/fleet.js';
import { healthRoutes } from './routes/health.js';
import { liveFeedRoutes } from './routes/live-feed.js';
import { portfolioRoutes } from './routes/portfolio.js';
import { silenceRoutes } from './routes/silences.js';
import { trustRoutes } from './routes/trust.js';

/** API version in the OpenAPI document. */
export const API_VERSION = '0.1.0';

/**
 * Builds the HTTP API from injected dependencies. It opens no port and reads no environment, so
 * main.ts, the embedded demo and tests (with `inject()`) each mount it with their own store and ports.
 */
export async function buildApp(deps: AppDeps): Promise<ZodApp> {
  const routeDeps: RouteDeps = {
    ...deps,
    now: deps.now ?? Date.now,
    limits: { ...DEFAULT_API_LIMITS, ...deps.limits },
    vendorIdOf: deps.vendorIdOf ?? shippedVendorIds(),
  };
  // Typed as fastify's logger interface, so the instance is not generic over pino's own Logger type.
  const logger: FastifyBaseLogger | undefined = deps.log;
  const app = Fastify({
    ...(logger === undefined ? { logger: false } : { loggerInstance: logger }),
    bodyLimit: routeDeps.limits.bodyBytes,
    // Request ids in logs, never derived from client headers.
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => sendProblem(error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(new ApiError('NOT_FOUND', 'no such route'), request, reply),
  );

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Trustwatch API',
        version: API_VERSION,
        description: 'Trust in hardware supply chains: per-customer scores, factors, feed, fleet and alerts.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // Every operation documents its errors as problem details; sendProblem renders them.
  app.addHook('onRoute', (route) => {
    if (route.schema?.response !== undefined) {
      const response = route.schema.response as Record<string, unknown>;
      response['4XX'] ??= problemSchema;
      response['5XX'] ??= problemSchema;
    }
  });
  installGuard(app, {
    apiKeys: deps.apiKeys,
    now: routeDeps.now,
    customers: deps.customers,
    store: deps.store,
    ...(deps.jwt === undefined ? {} : { jwt: deps.jwt }),
  });

  healthRoutes(app, routeDeps);
  customerRoutes(app, routeDeps);
  portfolioRoutes(app, routeDeps);
  trustRoutes(app, routeDeps);
  feedRoutes(app, routeDeps);
  liveFeedRoutes(app, routeDeps);
  fleetRoutes(app, routeDeps);
  alertRoutes(app, routeDeps);
  silenceRoutes(app, routeDeps);
  alertingConfigRoutes(app, routeDeps);
  adminRoutes(app, routeDeps);
  await dashboardRoutes(app, routeDeps);
  app.get('/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, () =>
    app.swagger(),
  );
  await app.ready();
  return app;
}
