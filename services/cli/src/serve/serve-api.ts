import {
  buildApp,
  createMemoryAlertPort,
  createMemoryApiKeyStore,
  createMemoryCustomerDirectory,
  createMemoryDeliveryLog,
  createMemoryNamedStore,
  createMemorySilencePort,
  issueApiKey,
} from '@trustwatch/api';
import type { Logger } from '@trustwatch/logging';
import type { Alert } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import type { TrustStore } from '@trustwatch/store';

export interface ServeOptions {
  readonly store: TrustStore;
  readonly policy: Policy;
  readonly customerIds: readonly string[];
  /** The alerts the run raised, newest state per fingerprint last. */
  readonly alerts: readonly Alert[];
  readonly log: Logger;
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
}

/** A running API over the demo's store, reachable on loopback only. */
export interface ServedApi {
  readonly url: string;
  /** An admin API key issued for this run only (kept in memory, gone when the process ends). */
  readonly apiKey: string;
  close(): Promise<void>;
}

/**
 * Serves the HTTP API of @trustwatch/api over the demo's memory store, with in-memory customers,
 * alerts, silences and API keys, on 127.0.0.1 only: the demo's data is fictional, but an open port is
 * still an open port.
 */
export async function serveApi(options: ServeOptions): Promise<ServedApi> {
  const apiKeys = createMemoryApiKeyStore();
  const { key } = await issueApiKey(
    apiKeys,
    { name: 'demo', subject: 'demo-admin', role: 'admin' },
    new Date(),
  );
  const alerts = createMemoryAlertPort();
  for (const alert of options.alerts) alerts.upsert({ alert, acknowledged: null });
  const app = await buildApp({
    store: options.store,
    customers: createMemoryCustomerDirectory(
      options.customerIds.map((id) => ({ id, name: id, accountManagers: [] })),
    ),
    apiKeys,
    policy: options.policy,
    alerts,
    silences: createMemorySilencePort(),
    receivers: createMemoryNamedStore(),
    rules: createMemoryNamedStore(),
    deliveries: createMemoryDeliveryLog(),
    log: options.log,
  });
  const address = await app.listen({ host: '127.0.0.1', port: options.port });
  return { url: address, apiKey: key, close: () => app.close() };
}
