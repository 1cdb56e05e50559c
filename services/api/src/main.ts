// Production composition root: config -> logger -> Redis store + ports -> app -> listen -> graceful close.
import { installShutdown } from '@trustwatch/bus';
import { redisConnection } from '@trustwatch/config';
import { createLogger } from '@trustwatch/logging';
import { openRedisTrustStore } from '@trustwatch/store';
import { createRemoteJWKSet } from 'jose';
import { buildApp } from './app.js';
import { createJwtVerifier } from './auth/jwt.js';
import { loadCustomersFile, loadPolicyFile, seedAdminKey } from './bootstrap.js';
import { loadApiConfig } from './config.js';
import {
  createMemoryAlertPort,
  createMemoryDeliveryLog,
  createMemoryNamedStore,
  createMemorySilencePort,
} from './memory/memory-alerting.js';
import { createMemoryApiKeyStore } from './memory/memory-api-keys.js';
import { createMemoryCustomerDirectory } from './memory/memory-customers.js';
import type { Receiver, Rule } from './ports/alerting.js';
import { anyReachable } from './readiness.js';

const config = loadApiConfig();
const log = createLogger({ service: 'api', level: config.log.level });
const { api, redis, kafka } = config;

const policy = await loadPolicyFile(api.policyFile ?? undefined);
const customers = createMemoryCustomerDirectory(
  api.customersFile === null ? [] : await loadCustomersFile(api.customersFile),
);
const store = await openRedisTrustStore({
  ...redisConnection(redis),
  log: log.child({ module: 'store' }),
});
const apiKeys = createMemoryApiKeyStore();
if (api.adminKeyHash !== null) await seedAdminKey(apiKeys, api.adminKeyHash, new Date());

const app = await buildApp({
  store,
  customers,
  apiKeys,
  ...(api.jwt === null
    ? {}
    : {
        jwt: createJwtVerifier({
          issuer: api.jwt.issuer,
          audience: api.jwt.audience,
          key: createRemoteJWKSet(new URL(api.jwt.jwksUrl)),
        }),
      }),
  policy,
  // The alerter plugs its own ports in here; until then they are in memory.
  alerts: createMemoryAlertPort(),
  silences: createMemorySilencePort(),
  receivers: createMemoryNamedStore<Receiver>(),
  rules: createMemoryNamedStore<Rule>(),
  deliveries: createMemoryDeliveryLog(),
  readiness: { redis: () => Promise.resolve(store.isReady()), kafka: () => anyReachable(kafka.brokers) },
  log,
  limits: api.limits,
});
await app.listen({ host: api.host, port: api.port });
// The HTTP server stops first (in-flight requests finish, live feeds end), then the store.
installShutdown({ closeables: [app, store], deadlineMs: api.shutdownDeadlineMs, log });
log.info({ host: api.host, port: api.port, policy: policy.version }, 'api listening');
