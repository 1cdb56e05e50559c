import type { VendorIdOf } from '@trustwatch/entities';
import type { Logger } from '@trustwatch/logging';
import type { Policy } from '@trustwatch/scoring';
import type { FleetChangedEvent, TrustStore } from '@trustwatch/store';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { JwtVerifier } from './auth/jwt.js';
import type {
  AlertPort,
  DeliveryLogPort,
  NamedStore,
  Receiver,
  Rule,
  SilencePort,
} from './ports/alerting.js';
import type { ApiKeyStore } from './ports/api-keys.js';
import type { CustomerDirectory } from './ports/customers.js';

/** A readiness check: resolves true when the dependency answers (Redis ping, Kafka metadata). */
export type ReadinessCheck = () => Promise<boolean>;

/** Sizes and timings; defaults suit production. */
export interface ApiLimits {
  /** Largest JSON body of an ordinary request (bytes). */
  readonly bodyBytes: number;
  /** Largest fleet file (bytes): a 20,000-asset CycloneDX BOM is a few MiB. */
  readonly fleetBodyBytes: number;
  /** How often a live-feed connection looks for new entries (ms). */
  readonly livePollMs: number;
  /** Comment lines keep idle live-feed connections open through proxies (ms). */
  readonly liveHeartbeatMs: number;
}

export const DEFAULT_API_LIMITS: ApiLimits = {
  bodyBytes: 64 * 1024,
  fleetBodyBytes: 16 * 1024 * 1024,
  livePollMs: 1000,
  liveHeartbeatMs: 15_000,
};

/** Everything the app is built from; main.ts and the embedded demo each assemble their own. */
export interface AppDeps {
  readonly store: TrustStore;
  readonly customers: CustomerDirectory;
  readonly apiKeys: ApiKeyStore;
  /** Omit to accept API keys only. */
  readonly jwt?: JwtVerifier;
  readonly policy: Policy;
  readonly alerts: AlertPort;
  readonly silences: SilencePort;
  readonly receivers: NamedStore<Receiver>;
  readonly rules: NamedStore<Rule>;
  readonly deliveries: DeliveryLogPort;
  /**
   * Where `fleet.changed` goes after a fleet import, so the trust engine re-scores the customer
   * (main.ts: the bus's `fleet.changed` topic). Omit and imports are stored but not re-scored.
   */
  readonly fleetEvents?: { publish(event: FleetChangedEvent): Promise<void> };
  /**
   * Files an imported fleet's vendors under catalog ids, as the trust engine files observed boards
   * (default: the shipped entity catalog's vendors; others as the file names them).
   */
  readonly vendorIdOf?: VendorIdOf;
  /** Named readiness checks for /readyz, e.g. `{ redis, kafka }`. */
  readonly readiness?: Readonly<Record<string, ReadinessCheck>>;
  readonly log?: Logger;
  readonly now?: () => number;
  readonly limits?: Partial<ApiLimits>;
  /** The built dashboard (services/dashboard/dist/public); when absent or unbuilt, `/` says how to build it. */
  readonly dashboardDir?: string;
}

/** The resolved form routes receive. */
export interface RouteDeps extends Omit<AppDeps, 'now' | 'limits' | 'vendorIdOf'> {
  readonly now: () => number;
  readonly limits: ApiLimits;
  readonly vendorIdOf: VendorIdOf;
}

/** The fastify instance with zod schemas as its type provider. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
