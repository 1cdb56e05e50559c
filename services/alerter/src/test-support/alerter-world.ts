import { randomBytes } from 'node:crypto';
import { parseRouting, parseRules, type Notification } from '@trustwatch/alerting';
import { createEvent, type EventOf, type FactorChange, type TrustChanged } from '@trustwatch/schemas';
import { Webhook } from 'standardwebhooks';
import { readFileSync } from 'node:fs';
import { DEFAULT_RULES_URL } from '@trustwatch/alerting';
import { assembleSetup, type AlertingSetup } from '../runtime/alerting-setup.js';
import type { Received } from './receiver-server.js';

/** A fresh Standard Webhooks secret. */
export const webhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * One webhook receiver for everything, grouped per customer; short timings so tests run in seconds on a
 * fake clock (the shipped routing waits 5 s and 2 min).
 */
export function testRouting(groupWait = '1s', groupInterval = '2s'): string {
  return [
    'version: 1',
    'receivers: [{ name: hook }]',
    'route:',
    '  receiver: hook',
    '  group_by: [customer]',
    `  group_wait: ${groupWait}`,
    `  group_interval: ${groupInterval}`,
    '  repeat_interval: 1h',
    'inhibit_rules: []',
  ].join('\n');
}

/** The shipped rules, the test routing, and a webhook receiver at `url`, loopback allow-listed. */
export function webhookSetup(url: string, secret: string, routing = testRouting()): AlertingSetup {
  const receivers = JSON.stringify({
    version: 1,
    receivers: [{ name: 'hook', kind: 'webhook', url, secrets: [secret], timeoutMs: 2000 }],
    ssrf: { allow: ['127.0.0.1/32'], allowHosts: [] },
  });
  return assembleSetup(parseRules(readFileSync(DEFAULT_RULES_URL, 'utf8')), parseRouting(routing), receivers);
}

/** A trust change of `customerId` at `at` (ms): the overall score moving from `before` to `after`. */
export function trustChange(
  customerId: string,
  at: number,
  before: number,
  after: number,
  extra: { crossings?: TrustChanged['crossings']; factors?: FactorChange[] } = {},
): TrustChanged {
  return {
    customerId,
    at: new Date(at).toISOString(),
    overall: { before, after },
    vendors: [],
    factors: extra.factors ?? [],
    omittedFactorCount: 0,
    crossings: extra.crossings ?? [],
    evidence: [
      { url: 'https://www.bloomberg.com/news/features/2018-10-04/the-big-hack', outlet: 'bloomberg' },
    ],
    policyVersion: '2026.11.1',
    causeEventIds: [`evt-${customerId}-${String(at)}`],
  };
}

/** The overall score crossing the policy's warning threshold (60) down or up. */
export function warningCrossing(direction: 'down' | 'up'): TrustChanged['crossings'][number] {
  return { threshold: 'warning', value: 60, direction, scope: { level: 'overall' } };
}

/** A trust.changed event carrying `change`, with the given (stable) id. */
export function trustChangedEvent(
  change: TrustChanged,
  id: string,
): EventOf<'com.trustwatch.trust.changed.v1'> {
  return createEvent({
    type: 'com.trustwatch.trust.changed.v1',
    source: 'trustwatch://trust-engine/test',
    id,
    time: change.at,
    data: change,
  });
}

/** Verifies a received webhook with the standardwebhooks library and returns its notification. */
export function verifiedNotification(received: Received, secret: string): Notification {
  const payload = new Webhook(secret).verify(received.body, received.headers as Record<string, string>) as {
    data: Notification;
  };
  return payload.data;
}

/** Polls until `check` returns true (every 20 ms), or fails after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
