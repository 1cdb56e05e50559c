import {
  envList,
  kafkaSection,
  loadConfig,
  loggingSection,
  redisSection,
  type Env,
} from '@trustwatch/config';
import { z } from 'zod';

const positiveMs = (fallback: number) => z.coerce.number().int().positive().max(86_400_000).default(fallback);
const name = z.string().regex(/^[A-Za-z0-9._-]{0,100}$/, { error: 'letters, digits, ".", "_" and "-" only' });

/**
 * The service's own variables. SUPPLIER_INPUTS: comma-separated files and directories of BOMs and
 * registry snapshots, watched. SUPPLIER_STATE_DIR: where the last applied snapshot per product and feed
 * is kept across restarts. SUPPLIER_SCAN_INTERVAL_MS / SUPPLIER_SETTLE_MS: scan cadence, and how long a
 * file must rest before it is read. SUPPLIER_BOM_VENDOR: the vendor of every BOM, overriding what they
 * say. ENTITY_CATALOG_FILE: entity catalog (default: the shipped one). KAFKA_TOPIC_NAMESPACE,
 * SHUTDOWN_DEADLINE_MS.
 */
export function supplierSection() {
  return z
    .object({
      SUPPLIER_INPUTS: envList(z.string().min(1)).optional(),
      SUPPLIER_STATE_DIR: z.string().min(1).default('var/ingest-supplier'),
      SUPPLIER_SCAN_INTERVAL_MS: positiveMs(60_000),
      SUPPLIER_SETTLE_MS: z.coerce.number().int().min(0).max(3_600_000).default(2000),
      SUPPLIER_BOM_VENDOR: z.string().trim().min(1).max(200).optional(),
      ENTITY_CATALOG_FILE: z.string().min(1).optional(),
      KAFKA_TOPIC_NAMESPACE: name.default(''),
      SHUTDOWN_DEADLINE_MS: positiveMs(30_000),
    })
    .transform((env) => ({
      inputs: env.SUPPLIER_INPUTS ?? [],
      stateDir: env.SUPPLIER_STATE_DIR,
      scanIntervalMs: env.SUPPLIER_SCAN_INTERVAL_MS,
      settleMs: env.SUPPLIER_SETTLE_MS,
      ...(env.SUPPLIER_BOM_VENDOR === undefined ? {} : { bomVendor: env.SUPPLIER_BOM_VENDOR }),
      ...(env.ENTITY_CATALOG_FILE === undefined ? {} : { catalogFile: env.ENTITY_CATALOG_FILE }),
      namespace: env.KAFKA_TOPIC_NAMESPACE,
      shutdownDeadlineMs: env.SHUTDOWN_DEADLINE_MS,
    }));
}

/**
 * Where the snapshot state lives. SUPPLIER_STATE: `redis` (default; shared by every instance through the
 * same Redis as the trust store, REDIS_URL) or `file` (under SUPPLIER_STATE_DIR, one instance per
 * directory). SUPPLIER_LEASE_MS: how long an instance holds a product or feed while applying one file.
 */
export function supplierStateSection() {
  return z
    .object({
      SUPPLIER_STATE: z.enum(['redis', 'file']).default('redis'),
      SUPPLIER_LEASE_MS: positiveMs(30_000),
    })
    .transform((env) => ({ store: env.SUPPLIER_STATE, leaseMs: env.SUPPLIER_LEASE_MS }));
}

/** Validates the environment once: Kafka, Redis, logging and the ingest's own settings, frozen. */
export function loadSupplierConfig(env: Env = process.env) {
  return loadConfig(
    {
      kafka: kafkaSection({ clientId: 'ingest-supplier' }),
      redis: redisSection({ keyPrefix: 'tw' }),
      log: loggingSection(),
      supplier: supplierSection(),
      state: supplierStateSection(),
    },
    env,
  );
}

export type SupplierConfig = ReturnType<typeof loadSupplierConfig>;
