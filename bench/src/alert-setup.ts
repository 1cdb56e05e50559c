import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAlerterConfig, type AlerterConfig } from '@trustwatch/alerter';
import { randomBytes } from 'node:crypto';
import type { BenchContext } from './context.js';

/**
 * The route of the alert phase. The shipped routing waits 5 s (group_wait) before a group's first
 * message, so that a burst becomes one message: a policy delay, chosen for people, that would be all the
 * bench measures. Here that wait is the smallest the routing accepts (1 ms). group_interval stays the
 * shipped 2 min: each change is about a customer of its own, so no group gets a second message, and the
 * interval is only how often a firing group is looked at again (a 1 ms interval made every firing group
 * due again every millisecond, re-flushed and committed on every pass: load no deployment sees). The
 * shipped rules are used unchanged.
 */
export const BENCH_ROUTING = [
  'version: 1',
  'receivers: [{ name: bench-hook }]',
  'route:',
  '  receiver: bench-hook',
  '  group_by: [customer]',
  '  group_wait: 1ms',
  '  group_interval: 2m',
  '  repeat_interval: 7d',
  'inhibit_rules: []',
].join('\n');

// The receiver's token bucket at the schema's maximum: the default 20/s would queue a 100/s load.
export const BENCH_RECEIVER_RATE = 1_000;

/** The alerter's config files of one run, and the validated config built from them. */
export interface AlerterSetup {
  readonly config: AlerterConfig;
  readonly prefix: string;
  /** Deletes the files. */
  remove(): void;
}

/**
 * Writes the receivers file (one signed webhook to `url`, loopback allow-listed as an operator would for
 * an internal endpoint) and the routing file, and validates the alerter's environment exactly as its
 * main.ts does, with the run's own namespace, group, key prefix and outbox.
 */
export function alerterSetup(
  ctx: BenchContext,
  namespace: string,
  url: string,
  tickMs: number,
): AlerterSetup {
  const dir = mkdtempSync(join(tmpdir(), `${ctx.tag}-alerter-`));
  const receiversFile = join(dir, 'receivers.yaml');
  const routingFile = join(dir, 'routing.yaml');
  const receivers = {
    version: 1,
    receivers: [
      {
        name: 'bench-hook',
        kind: 'webhook',
        url,
        secrets: [`whsec_${randomBytes(32).toString('base64')}`],
        ratePerSec: BENCH_RECEIVER_RATE,
        burst: BENCH_RECEIVER_RATE,
      },
    ],
    ssrf: { allow: ['127.0.0.1/32'], allowHosts: [] },
  };
  writeFileSync(receiversFile, JSON.stringify(receivers));
  writeFileSync(routingFile, BENCH_ROUTING);
  const prefix = `${ctx.tag}-alert${String(tickMs)}`;
  const config = loadAlerterConfig({
    KAFKA_BROKERS: ctx.config.kafkaBrokers.join(','),
    REDIS_URL: ctx.config.redisUrl,
    REDIS_KEY_PREFIX: prefix,
    LOG_LEVEL: 'info',
    ALERT_RECEIVERS_FILE: receiversFile,
    ALERT_ROUTING_FILE: routingFile,
    ALERTER_GROUP_ID: `${prefix}-alerter`,
    ALERT_OUTBOX_NAME: `${prefix}-alerts`,
    ALERTER_TICK_MS: String(tickMs),
    KAFKA_TOPIC_NAMESPACE: namespace,
  });
  return { config, prefix, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
