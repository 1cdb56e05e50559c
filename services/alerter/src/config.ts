import { kafkaSection, loadConfig, loggingSection, redisSection, type Env } from '@trustwatch/config';
import { z } from 'zod';

const positiveMs = (fallback: number) => z.coerce.number().int().positive().max(86_400_000).default(fallback);
const safeName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,200}$/, { error: 'letters, digits, ".", "_" and "-" only' });

/**
 * The alerter's own variables. ALERT_RECEIVERS_FILE: where each receiver delivers (YAML, holds secrets;
 * required). ALERT_RULES_FILE / ALERT_ROUTING_FILE: default to the files shipped with
 * @trustwatch/alerting. DASHBOARD_BASE_URL: the links alerts carry. ALERTER_GROUP_ID: consumer group of
 * trust.changed. ALERT_OUTBOX_NAME: the outbox's hash tag. ALERTER_TICK_MS: dispatcher and delivery
 * cadence. KAFKA_TOPIC_NAMESPACE, SHUTDOWN_DEADLINE_MS: as in every consumer.
 */
export function alerterSection() {
  return z
    .object({
      ALERT_RECEIVERS_FILE: z.string().min(1),
      ALERT_RULES_FILE: z.string().min(1).optional(),
      ALERT_ROUTING_FILE: z.string().min(1).optional(),
      // Any http(s) host, an IP address included (a dashboard on 127.0.0.1 is the local default).
      DASHBOARD_BASE_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:8080'),
      ALERTER_GROUP_ID: safeName.default('alerter'),
      ALERT_OUTBOX_NAME: safeName.default('alerts'),
      ALERTER_TICK_MS: positiveMs(1_000),
      KAFKA_TOPIC_NAMESPACE: z
        .string()
        .regex(/^[A-Za-z0-9._-]{0,100}$/, { error: 'letters, digits, ".", "_" and "-" only' })
        .default(''),
      SHUTDOWN_DEADLINE_MS: positiveMs(30_000),
    })
    .transform((env) => ({
      receiversFile: env.ALERT_RECEIVERS_FILE,
      ...(env.ALERT_RULES_FILE === undefined ? {} : { rulesFile: env.ALERT_RULES_FILE }),
      ...(env.ALERT_ROUTING_FILE === undefined ? {} : { routingFile: env.ALERT_ROUTING_FILE }),
      dashboardBaseUrl: env.DASHBOARD_BASE_URL,
      groupId: env.ALERTER_GROUP_ID,
      outboxName: env.ALERT_OUTBOX_NAME,
      tickMs: env.ALERTER_TICK_MS,
      namespace: env.KAFKA_TOPIC_NAMESPACE,
      shutdownDeadlineMs: env.SHUTDOWN_DEADLINE_MS,
    }));
}

/** Validates the environment once: Kafka, Redis, logging and the alerter's own settings, frozen. */
export function loadAlerterConfig(env: Env = process.env) {
  return loadConfig(
    {
      kafka: kafkaSection({ clientId: 'alerter' }),
      redis: redisSection({ keyPrefix: 'tw' }),
      log: loggingSection(),
      alerter: alerterSection(),
    },
    env,
  );
}

export type AlerterConfig = ReturnType<typeof loadAlerterConfig>;
