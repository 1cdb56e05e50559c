import { kafkaSection, loadConfig, loggingSection, redisSection, type Env } from '@trustwatch/config';
import { z } from 'zod';

const positiveInt = (fallback: number, max: number) =>
  z.coerce.number().int().positive().max(max).default(fallback);

/**
 * The API's own variables: where it listens, who issues its bearer tokens, where the customer
 * directory and scoring policy live, the bootstrap admin key and body limits.
 */
export function apiSection() {
  return z
    .object({
      API_HOST: z.string().min(1).default('0.0.0.0'),
      API_PORT: positiveInt(8080, 65_535),
      JWT_ISSUER: z.url().optional(),
      JWT_AUDIENCE: z.string().min(1).optional(),
      JWT_JWKS_URL: z.url({ protocol: /^https$/ }).optional(),
      CUSTOMERS_FILE: z.string().min(1).optional(),
      TRUST_POLICY_FILE: z.string().min(1).optional(),
      // SHA-256 (hex) of an admin API key, so the first admin can sign in and issue other keys.
      API_ADMIN_KEY_SHA256: z
        .string()
        .regex(/^[0-9a-f]{64}$/, { error: 'lower-case hex SHA-256' })
        .optional(),
      API_BODY_LIMIT_BYTES: positiveInt(64 * 1024, 16 * 1024 * 1024),
      API_FLEET_BODY_LIMIT_BYTES: positiveInt(16 * 1024 * 1024, 256 * 1024 * 1024),
      SHUTDOWN_DEADLINE_MS: positiveInt(30_000, 600_000),
      // Prefix of the topic names, as in every service that shares the cluster (fleet.changed here).
      KAFKA_TOPIC_NAMESPACE: z
        .string()
        .regex(/^[A-Za-z0-9._-]{0,100}$/, { error: 'letters, digits, ".", "_" and "-" only' })
        .default(''),
      // The built dashboard; unset, main.ts serves services/dashboard/dist/public of this checkout.
      DASHBOARD_DIR: z.string().min(1).optional(),
      // The entity catalog fleet imports file vendors by (the trust engine must use the same one).
      ENTITY_CATALOG_FILE: z.string().min(1).optional(),
    })
    .superRefine((env, ctx) => {
      const jwt = [env.JWT_ISSUER, env.JWT_AUDIENCE, env.JWT_JWKS_URL];
      if (jwt.some((v) => v !== undefined) && jwt.some((v) => v === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['JWT_ISSUER'],
          message: 'set JWT_ISSUER, JWT_AUDIENCE and JWT_JWKS_URL together',
        });
      }
    })
    .transform((env) => ({
      host: env.API_HOST,
      port: env.API_PORT,
      jwt:
        env.JWT_ISSUER === undefined || env.JWT_AUDIENCE === undefined || env.JWT_JWKS_URL === undefined
          ? null
          : { issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE, jwksUrl: env.JWT_JWKS_URL },
      customersFile: env.CUSTOMERS_FILE ?? null,
      policyFile: env.TRUST_POLICY_FILE ?? null,
      adminKeyHash: env.API_ADMIN_KEY_SHA256 ?? null,
      limits: { bodyBytes: env.API_BODY_LIMIT_BYTES, fleetBodyBytes: env.API_FLEET_BODY_LIMIT_BYTES },
      shutdownDeadlineMs: env.SHUTDOWN_DEADLINE_MS,
      topicNamespace: env.KAFKA_TOPIC_NAMESPACE,
      dashboardDir: env.DASHBOARD_DIR ?? null,
      catalogFile: env.ENTITY_CATALOG_FILE ?? null,
    }));
}

/** Validates the environment once: Kafka (readiness), Redis, logging and the API's own settings, frozen. */
export function loadApiConfig(env: Env = process.env) {
  return loadConfig(
    {
      kafka: kafkaSection({ clientId: 'api' }),
      redis: redisSection({ keyPrefix: 'tw' }),
      log: loggingSection(),
      api: apiSection(),
    },
    env,
  );
}

export type ApiConfig = ReturnType<typeof loadApiConfig>;
