import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { EmbeddedAlerter } from '@trustwatch/alerter';
import {
  alertingPorts,
  buildApp,
  createMemoryApiKeyStore,
  createMemoryCustomerDirectory,
  issueApiKey,
} from '@trustwatch/api';
import type { Logger } from '@trustwatch/logging';
import type { Policy } from '@trustwatch/scoring';
import type { TrustStore } from '@trustwatch/store';
import { CliError } from '../errors.js';

export interface ServeOptions {
  readonly store: TrustStore;
  readonly policy: Policy;
  readonly customerIds: readonly string[];
  /** The run's alerter: its alerts, silences and outbox back the dashboard's alerting pages. */
  readonly alerter: Pick<EmbeddedAlerter, 'store' | 'outbox'>;
  readonly log: Logger;
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** The built dashboard the API serves under `/`; default {@link DEFAULT_DASHBOARD_DIR}. */
  readonly dashboardDir?: string;
}

/**
 * The dashboard as `npm run build` leaves it in this checkout (the same folder from src/ and dist/).
 * When it has not been built, the API answers `/` with a page saying how to build it.
 */
export const DEFAULT_DASHBOARD_DIR = fileURLToPath(
  new URL('../../../dashboard/dist/public', import.meta.url),
);

/**
 * The port to serve on, known before the replay so that the alerts' dashboard links name it: the one
 * asked for, or for 0 one the system has free now.
 */
export async function choosePort(port: number): Promise<number> {
  if (port !== 0) return port;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address for port 0');
  return address.port;
}

/** Where the demo's API answers on `port`: the base of the dashboard links its alerts carry. */
export const servedUrl = (port: number): string => `http://127.0.0.1:${String(port)}`;

/** A running API over the demo's store, reachable on loopback only. */
export interface ServedApi {
  readonly url: string;
  /** An admin API key issued for this run only (kept in memory, gone when the process ends). */
  readonly apiKey: string;
  close(): Promise<void>;
}

/**
 * Serves the HTTP API of @trustwatch/api over the demo's store, with in-memory customers and API keys
 * and the alerter's alerts, silences and delivery log, on 127.0.0.1 only: the demo's data is
 * fictional, but an open port is still an open port.
 */
export async function serveApi(options: ServeOptions): Promise<ServedApi> {
  const apiKeys = createMemoryApiKeyStore();
  const { key } = await issueApiKey(
    apiKeys,
    { name: 'demo', subject: 'demo-admin', role: 'admin' },
    new Date(),
  );
  const app = await buildApp({
    store: options.store,
    customers: createMemoryCustomerDirectory(
      options.customerIds.map((id) => ({ id, name: id, accountManagers: [] })),
    ),
    apiKeys,
    policy: options.policy,
    ...alertingPorts(options.alerter.store, options.alerter.outbox),
    log: options.log,
    dashboardDir: options.dashboardDir ?? DEFAULT_DASHBOARD_DIR,
  });
  let address: string;
  try {
    address = await app.listen({ host: '127.0.0.1', port: options.port });
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new CliError(
      'PORT_IN_USE',
      `port ${options.port} on 127.0.0.1 is already in use`,
      'pass --port with a free port, or --port 0 to pick one, or --no-serve',
      error,
    );
  }
  return { url: address, apiKey: key, close: () => app.close() };
}
