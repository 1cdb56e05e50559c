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
}

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
 * KAFKA_SASL_PASSWORD_FILE).
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
      const base = { brokers: env.KAFKA_BROKERS, clientId: env.KAFKA_CLIENT_ID, ssl };
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
