import { z } from 'zod';
import { envFlag, envList, readTextFile } from './env.js';
import { resolveSecret, secretFields } from './secret.js';

/** SASL mechanisms kafkajs supports without extra plugins. */
export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** Validated connection settings for the Kafka adapter in `@trustwatch/bus`. */
export interface KafkaConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** False for plaintext. Otherwise TLS with the system CAs, plus `ca` (PEM text) when a CA file is set. */
  readonly ssl: false | { readonly ca?: string };
  readonly sasl?: {
    readonly mechanism: KafkaSaslMechanism;
    readonly username: string;
    readonly password: string;
  };
  /** How long the group waits for a silent member (a crashed engine) before rebalancing its partitions. */
  readonly sessionTimeoutMs: number;
  /** Heartbeat period, at most a third of the session so two lost heartbeats do not end it. */
  readonly heartbeatIntervalMs: number;
}

/**
 * 10 s: a crashed engine's partitions move to a live member after about 10 s instead of kafkajs's 30 s,
 * while a GC pause or a slow broker round trip (well under a second here) still fits three times over.
 * The bounds are the broker's defaults for `group.min.session.timeout.ms` and
 * `group.max.session.timeout.ms`; outside them the broker refuses the member with a vague error.
 */
export const KAFKA_SESSION_TIMEOUT = { defaultMs: 10_000, minMs: 6_000, maxMs: 300_000 } as const;
/** kafkajs's own heartbeat period, kept when the session leaves room for it. */
const DEFAULT_HEARTBEAT_MS = 3_000;

const milliseconds = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number of milliseconds' })
    .int({ error: 'must be a whole number of milliseconds' })
    .min(min, { error: `must be at least ${String(min)}` })
    .max(max, { error: `must be at most ${String(max)}` });

// host:port with a port in range; a bare host would make kafkajs fail late with a vague error.
const brokerAddress = z.string().refine(
  (text) => {
    const match = /^([^\s:/]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(text);
    return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 65535;
  },
  { error: 'each broker must be host:port' },
);

/**
 * Config section for Kafka: KAFKA_BROKERS (comma list, required), KAFKA_CLIENT_ID, KAFKA_SSL,
 * KAFKA_SSL_CA_FILE, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD (or
 * KAFKA_SASL_PASSWORD_FILE), KAFKA_SESSION_TIMEOUT_MS, KAFKA_HEARTBEAT_INTERVAL_MS.
 */
export function kafkaSection(defaults: { clientId?: string } = {}) {
  return z
    .object({
      KAFKA_BROKERS: envList(brokerAddress),
      KAFKA_CLIENT_ID: z
        .string()
        .regex(/^[A-Za-z0-9._-]{1,100}$/, { error: 'letters, digits, ".", "_" and "-" only (1-100)' })
        .default(defaults.clientId ?? 'trustwatch'),
      KAFKA_SSL: envFlag(false),
      KAFKA_SSL_CA_FILE: z.string().optional(),
      KAFKA_SASL_MECHANISM: z
        .string()
        .toLowerCase()
        .pipe(z.enum(KAFKA_SASL_MECHANISMS, { error: `must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}` }))
        .optional(),
      KAFKA_SASL_USERNAME: z.string().optional(),
      ...secretFields('KAFKA_SASL_PASSWORD'),
      KAFKA_SESSION_TIMEOUT_MS: milliseconds(
        KAFKA_SESSION_TIMEOUT.minMs,
        KAFKA_SESSION_TIMEOUT.maxMs,
      ).default(KAFKA_SESSION_TIMEOUT.defaultMs),
      KAFKA_HEARTBEAT_INTERVAL_MS: milliseconds(100, KAFKA_SESSION_TIMEOUT.maxMs).optional(),
    })
    .transform((env, ctx): KafkaConfig => {
      let ssl: KafkaConfig['ssl'] = env.KAFKA_SSL ? {} : false;
      if (env.KAFKA_SSL_CA_FILE !== undefined) {
        const read = readTextFile(env.KAFKA_SSL_CA_FILE);
        if (!read.ok) ctx.addIssue({ code: 'custom', path: ['KAFKA_SSL_CA_FILE'], message: read.problem });
        else if (ssl === false) {
          ctx.addIssue({
            code: 'custom',
            path: ['KAFKA_SSL_CA_FILE'],
            message: 'set, but KAFKA_SSL is not true',
          });
        } else ssl = { ca: read.text };
      }
      const sessionTimeoutMs = env.KAFKA_SESSION_TIMEOUT_MS;
      const maxHeartbeatMs = Math.floor(sessionTimeoutMs / 3);
      const heartbeatIntervalMs =
        env.KAFKA_HEARTBEAT_INTERVAL_MS ?? Math.min(DEFAULT_HEARTBEAT_MS, maxHeartbeatMs);
      if (heartbeatIntervalMs > maxHeartbeatMs) {
        ctx.addIssue({
          code: 'custom',
          path: ['KAFKA_HEARTBEAT_INTERVAL_MS'],
          message: `must be at most a third of KAFKA_SESSION_TIMEOUT_MS (${String(maxHeartbeatMs)})`,
        });
      }
      const base = {
        brokers: env.KAFKA_BROKERS,
        clientId: env.KAFKA_CLIENT_ID,
        ssl,
        sessionTimeoutMs,
        heartbeatIntervalMs,
      };
      const mechanism = env.KAFKA_SASL_MECHANISM;
      if (mechanism === undefined) {
        const stray = ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_SASL_PASSWORD_FILE'] as const;
        for (const name of stray) {
          if (env[name] !== undefined) {
            ctx.addIssue({ code: 'custom', path: [name], message: 'set, but KAFKA_SASL_MECHANISM is not' });
          }
        }
        return base;
      }
      const password = resolveSecret(env, 'KAFKA_SASL_PASSWORD', ctx);
      if (env.KAFKA_SASL_USERNAME === undefined) {
        ctx.addIssue({ code: 'custom', path: ['KAFKA_SASL_USERNAME'], message: 'required with SASL' });
      }
      if (env.KAFKA_SASL_USERNAME === undefined || password === undefined) return base;
      return { ...base, sasl: { mechanism, username: env.KAFKA_SASL_USERNAME, password } };
    });
}
