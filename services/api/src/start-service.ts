// The API against Kafka and Redis, as one start function: main.ts and `trustwatch run` share it.
import { fileURLToPath } from 'node:url';
import { createKafkaBus, type Closeable, type StartedService } from '@trustwatch/bus';
import { kafkaConnection, redisConnection } from '@trustwatch/config';
import { loadEntityCatalog, vendorIdResolver } from '@trustwatch/entities';
import type { Logger } from '@trustwatch/logging';
import { openRedisAlerting, openRedisApiKeys, openRedisTrustStore } from '@trustwatch/store';
import { createRemoteJWKSet } from 'jose';
import { apiKeyStoreOver } from './adapters/api-key-store.js';
import { alertingPorts } from './alerting-store/index.js';
import { buildApp } from './app.js';
import { createJwtVerifier } from './auth/jwt.js';
import { loadCustomersFile, loadPolicyFile, seedAdminKey } from './bootstrap.js';
import type { ApiConfig } from './config.js';
import { createMemoryCustomerDirectory } from './memory/memory-customers.js';
import { anyReachable } from './readiness.js';

/** What the API needs to start: its validated config and the process logger. */
export interface ApiServiceOptions {
  readonly config: ApiConfig;
  readonly log: Logger;
  /** Accepted for symmetry with the consumer services: the API runs no consumer, so it never fires. */
  readonly onFatal?: (error: Error) => void;
}

/** A started service, and where it listens. */
export interface StartedApiService extends StartedService {
  /** Where the server listens, e.g. `http://127.0.0.1:8080` (the real port when 0 was asked for). */
  readonly url: string;
}

/**
 * Loads policy and customers, opens the Redis trust store, API keys and alerting, a Kafka producer,
 * builds the app and listens. A failed start closes what it opened before rethrowing.
 */
export async function startApiService(options: ApiServiceOptions): Promise<StartedApiService> {
  const { config, log } = options;
  const { api, redis, kafka } = config;
  const policy = await loadPolicyFile(api.policyFile ?? undefined);
  const customers = createMemoryCustomerDirectory(
    api.customersFile === null ? [] : await loadCustomersFile(api.customersFile),
  );
  const connection = redisConnection(redis);
  const opened: Closeable[] = [];
  try {
    const store = await openRedisTrustStore({ ...connection, log: log.child({ module: 'store' }) });
    opened.unshift(store);
    const keyRepo = await openRedisApiKeys({ ...connection, log: log.child({ module: 'api-keys' }) });
    opened.unshift(keyRepo);
    const alerting = await openRedisAlerting({ ...connection, log: log.child({ module: 'alerting' }) });
    opened.unshift(alerting);
    const apiKeys = apiKeyStoreOver(keyRepo);
    if (api.adminKeyHash !== null) await seedAdminKey(apiKeys, api.adminKeyHash, new Date());
    // Producer only: fleet imports announce `fleet.changed` so the trust engine re-scores the customer.
    const bus = createKafkaBus({ ...kafkaConnection(kafka), namespace: api.topicNamespace, logger: log });
    opened.unshift(bus);
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
      ...alertingPorts(alerting.store, alerting.outbox),
      fleetEvents: { publish: (event) => bus.publish('fleet.changed', [event]) },
      vendorIdOf: vendorIdResolver(loadEntityCatalog(api.catalogFile ?? undefined)),
      readiness: {
        redis: () => Promise.resolve(store.isReady() && keyRepo.isReady() && alerting.isReady()),
        kafka: () => anyReachable(kafka.brokers),
      },
      log,
      limits: api.limits,
      // This checkout's dashboard build (services/dashboard/dist/public) unless DASHBOARD_DIR says otherwise.
      dashboardDir:
        api.dashboardDir ?? fileURLToPath(new URL('../../dashboard/dist/public', import.meta.url)),
    });
    opened.unshift(app);
    const url = await app.listen({ host: api.host, port: api.port });
    log.info({ host: api.host, port: api.port, url, policy: policy.version }, 'api listening');
    // The HTTP server stops first (in-flight requests finish, live feeds end), then the producer and Redis.
    return {
      closeables: [app, bus, alerting, keyRepo, store],
      shutdownDeadlineMs: api.shutdownDeadlineMs,
      url,
    };
  } catch (error) {
    // The start error is the one worth reporting; closing errors after it would only hide it.
    for (const part of opened) await part.close?.().catch(() => undefined);
    throw error;
  }
}
