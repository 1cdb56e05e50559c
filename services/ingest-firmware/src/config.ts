import { readFileSync } from 'node:fs';
import { kafkaSection, loadConfig, loggingSection, redisSection, type Env } from '@trustwatch/config';
import { parseUntrustedJson } from '@trustwatch/schemas';
import { z } from 'zod';
import { parseBmcList, type BmcList } from './service/bmc-list.js';

const positiveMs = (fallback: number) => z.coerce.number().int().positive().max(86_400_000).default(fallback);
const name = z.string().regex(/^[A-Za-z0-9._-]{0,200}$/, { error: 'letters, digits, ".", "_" and "-" only' });

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Reads and validates the BMC list file; problems become config issues on the variable. */
function loadBmcList(file: string | undefined, ctx: z.RefinementCtx): BmcList {
  const empty: BmcList = { endpoints: [], eventContexts: new Map() };
  if (file === undefined) return empty;
  try {
    return parseBmcList(parseUntrustedJson(readText(file)), readText);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === undefined ? (error as Error).message : `cannot read file ${file} (${code})`;
    ctx.addIssue({ code: 'custom', path: ['FIRMWARE_BMC_FILE'], message: problem });
    return empty;
  }
}

/**
 * The service's own variables. FIRMWARE_BMC_FILE: the BMC list (JSON, see README; secrets by file).
 * FIRMWARE_CATALOG_FILE: known-good catalog (JSON or `.csv`) imported into the store at start.
 * FIRMWARE_POLL_INTERVAL_MS / FIRMWARE_POLL_CONCURRENCY: poll cadence and parallel BMC reads.
 * FIRMWARE_PUSH_PORT (unset: no push endpoint), FIRMWARE_PUSH_HOST, FIRMWARE_PUSH_TLS_KEY_FILE and
 * FIRMWARE_PUSH_TLS_CERT_FILE (both or neither), FIRMWARE_TRIGGER_INTERVAL_MS (shortest gap between two
 * push-triggered reads of one BMC). ENTITY_CATALOG_FILE: entity catalog that keys the known-good catalog's
 * vendors (default: the shipped one). INGEST_FIRMWARE_GROUP_ID, KAFKA_TOPIC_NAMESPACE, SHUTDOWN_DEADLINE_MS.
 */
export function ingestSection() {
  return z
    .object({
      FIRMWARE_BMC_FILE: z.string().min(1).optional(),
      FIRMWARE_CATALOG_FILE: z.string().min(1).optional(),
      ENTITY_CATALOG_FILE: z.string().min(1).optional(),
      FIRMWARE_POLL_INTERVAL_MS: positiveMs(300_000),
      FIRMWARE_POLL_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
      FIRMWARE_PUSH_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
      FIRMWARE_PUSH_HOST: z.string().min(1).default('0.0.0.0'),
      FIRMWARE_PUSH_TLS_KEY_FILE: z.string().min(1).optional(),
      FIRMWARE_PUSH_TLS_CERT_FILE: z.string().min(1).optional(),
      FIRMWARE_TRIGGER_INTERVAL_MS: positiveMs(30_000),
      INGEST_FIRMWARE_GROUP_ID: name.min(1).default('ingest-firmware'),
      KAFKA_TOPIC_NAMESPACE: name.default(''),
      SHUTDOWN_DEADLINE_MS: positiveMs(30_000),
    })
    .transform((env, ctx) => {
      const bmcs = loadBmcList(env.FIRMWARE_BMC_FILE, ctx);
      const keyFile = env.FIRMWARE_PUSH_TLS_KEY_FILE;
      const certFile = env.FIRMWARE_PUSH_TLS_CERT_FILE;
      let tls: { key: string; cert: string } | undefined;
      if ((keyFile === undefined) !== (certFile === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['FIRMWARE_PUSH_TLS_KEY_FILE'],
          message: 'set both FIRMWARE_PUSH_TLS_KEY_FILE and FIRMWARE_PUSH_TLS_CERT_FILE, or neither',
        });
      } else if (keyFile !== undefined && certFile !== undefined) {
        try {
          tls = { key: readText(keyFile), cert: readText(certFile) };
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
          ctx.addIssue({
            code: 'custom',
            path: ['FIRMWARE_PUSH_TLS_KEY_FILE'],
            message: `cannot read (${code})`,
          });
        }
      }
      const push =
        env.FIRMWARE_PUSH_PORT === undefined
          ? undefined
          : {
              port: env.FIRMWARE_PUSH_PORT,
              host: env.FIRMWARE_PUSH_HOST,
              ...(tls === undefined ? {} : { tls }),
            };
      return {
        endpoints: bmcs.endpoints,
        eventContexts: bmcs.eventContexts,
        ...(env.FIRMWARE_CATALOG_FILE === undefined ? {} : { catalogFile: env.FIRMWARE_CATALOG_FILE }),
        ...(env.ENTITY_CATALOG_FILE === undefined ? {} : { entityCatalogFile: env.ENTITY_CATALOG_FILE }),
        pollIntervalMs: env.FIRMWARE_POLL_INTERVAL_MS,
        concurrency: env.FIRMWARE_POLL_CONCURRENCY,
        ...(push === undefined ? {} : { push }),
        triggerIntervalMs: env.FIRMWARE_TRIGGER_INTERVAL_MS,
        groupId: env.INGEST_FIRMWARE_GROUP_ID,
        namespace: env.KAFKA_TOPIC_NAMESPACE,
        shutdownDeadlineMs: env.SHUTDOWN_DEADLINE_MS,
      };
    });
}

/** Validates the environment once: Kafka, Redis, logging and the ingest's own settings, frozen. */
export function loadIngestConfig(env: Env = process.env) {
  return loadConfig(
    {
      kafka: kafkaSection({ clientId: 'ingest-firmware' }),
      redis: redisSection({ keyPrefix: 'tw' }),
      log: loggingSection(),
      ingest: ingestSection(),
    },
    env,
  );
}

export type IngestConfig = ReturnType<typeof loadIngestConfig>;
