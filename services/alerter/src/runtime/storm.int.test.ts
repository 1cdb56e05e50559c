import type { EventBus } from '@trustwatch/bus';
import { createLogger } from '@trustwatch/logging';
import type { RedisAlerting } from '@trustwatch/store';
import type { FactorChange } from '@trustwatch/schemas';
import { uniqueName } from '@trustwatch/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleSetup } from './alerting-setup.js';
import {
  trustChange,
  trustChangedEvent,
  verifiedNotification,
  waitFor,
  webhookSecret,
} from '../test-support/alerter-world.js';
import { startReceiver, type ReceiverServer } from '../test-support/receiver-server.js';
import { openAlerterInfra, type AlerterInfra } from '../test-support/shared-infra.js';
import { parseRouting, parseRules, DEFAULT_RULES_URL } from '@trustwatch/alerting';
import { readFileSync } from 'node:fs';
import { startAlerter } from './alerter.js';

const STORM = 10_000;
// 20 vendors, 200 distinct unpublished images: every change qualifies (a critical factor is added),
// and the alert state stays bounded (20 alerts, 200 factor ids) however long the storm lasts.
const VENDORS = 20;
const IMAGES = 200;
const log = createLogger({ service: 'alerter-storm-test', level: 'silent' });
const secret = webhookSecret();
let bus: EventBus;
let redis: RedisAlerting;
let infra: AlerterInfra;
let hook: ReceiverServer;
let requests = 0;

beforeAll(async () => {
  infra = await openAlerterInfra('alerter-storm', log);
  ({ bus, redis } = infra);
  // The first request is refused with 503 and Retry-After: the engine must wait, not hammer.
  hook = await startReceiver((_req, res) => {
    requests += 1;
    if (requests === 1) res.writeHead(503, { 'retry-after': '1' }).end();
    else res.end('ok');
  });
});

afterAll(async () => {
  await hook.close();
  await infra.close();
});

function unpublishedImage(i: number): FactorChange {
  const vendor = `vendor-${String(i % VENDORS)}`;
  return {
    id: `f-unknown-build-${String(i % IMAGES)}`,
    kind: 'firmware_unknown_build',
    change: 'added',
    vendorId: vendor,
    summary: `A BMC of ${vendor} runs image ${String(i % IMAGES)}, which no vendor published`,
    contribution: 5,
  };
}

describe('an alert storm on Kafka and Redis', () => {
  it('turns 10k qualifying changes for one customer within a minute into a few grouped, rate-limited notifications', async () => {
    const customer = uniqueName('storm-acme');
    // Both receivers at 1 message a second, as Slack allows: the pager gets one page per customer and
    // vendor (20 groups), the team channel one message per customer.
    const webhook = (name: string) => ({
      name,
      kind: 'webhook',
      url: `${hook.url}/${name}`,
      secrets: [secret],
      ratePerSec: 1,
      burst: 1,
    });
    const receivers = JSON.stringify({
      version: 1,
      receivers: [webhook('team'), webhook('pager')],
      ssrf: { allow: ['127.0.0.1/32'], allowHosts: [] },
    });
    const routing = [
      'version: 1',
      'receivers: [{ name: team }, { name: pager }]',
      'route:',
      '  receiver: team',
      '  group_by: [customer]',
      '  group_wait: 1s',
      '  group_interval: 2s',
      '  repeat_interval: 1h',
      '  routes:',
      `    - { matchers: ['severity="critical"'], receiver: pager, group_by: [customer, vendor], continue: true }`,
      '    - { receiver: team }',
      'inhibit_rules: []',
    ].join('\n');
    const setup = assembleSetup(
      parseRules(readFileSync(DEFAULT_RULES_URL, 'utf8')),
      parseRouting(routing),
      receivers,
    );
    const alerter = await startAlerter({
      bus,
      store: redis.store,
      outbox: redis.outbox,
      setup,
      log,
      dashboardBaseUrl: 'http://localhost:8080',
      groupId: uniqueName('storm'),
      tickMs: 200,
    });
    try {
      const started = Date.now();
      for (let i = 0; i < STORM; i += 500) {
        const batch = Array.from({ length: Math.min(500, STORM - i) }, (_, j) => {
          const n = i + j;
          const change = trustChange(customer, started + n, 90, 89.9, { factors: [unpublishedImage(n)] });
          return trustChangedEvent(change, `${customer}-${String(n)}`);
        });
        await bus.publish('trust.changed', batch);
      }
      const published = Date.now() - started;
      await waitFor(() => alerter.metrics().changes === STORM, 120_000, 'every change to be applied');
      const applied = Date.now() - started;
      // Quiet period: every group has flushed and the outbox has drained.
      await waitFor(
        async () =>
          (await redis.outbox.list({ customer, status: 'pending', limit: 1 })).length === 0 &&
          (await redis.outbox.list({ customer, status: 'failed', limit: 1 })).length === 0,
        30_000,
        'the outbox to drain',
      );
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const notifications = hook.received
        .map((r) => verifiedNotification(r, secret))
        .filter((n) => n.groupLabels['customer'] === customer);
      const ids = new Set(hook.received.map((r) => r.headers['webhook-id']));
      const pages = hook.received.filter((r) => r.path === '/pager');
      const gaps = pages.slice(1).map((r, i) => r.at - (pages[i]?.at ?? 0));
      console.info(
        `storm: ${String(STORM)} changes published in ${String(published)} ms, applied in ${String(applied)} ms; ` +
          `${String(alerter.metrics().notifications)} notifications, ${String(requests)} webhook requests ` +
          `(${String(ids.size)} distinct ids, ${String(pages.length)} pages), smallest gap between pages ${String(Math.min(...gaps))} ms`,
      );
      expect(published).toBeLessThan(60_000);
      // Grouped: a page per vendor and a few channel messages (the firing set settles once the 20
      // vendors are known), not one per change.
      expect(new Set(pages.map((r) => r.headers['webhook-id'])).size).toBe(VENDORS);
      expect(alerter.metrics().notifications).toBeLessThanOrEqual(VENDORS + 5);
      expect(new Set(notifications.flatMap((n) => n.alerts.map((a) => a.labels.vendor))).size).toBe(VENDORS);
      // No retry storm: one refused request, then each notification once.
      expect(requests).toBe(ids.size + 1);
      // Rate-limited to 1 a second with a burst of 1: k + 1 pages span at least k - 1 seconds, and about
      // k seconds. Arrival times carry up to a few hundred ms of scheduling noise on a loaded machine.
      for (let i = 0; i < pages.length; i += 1) {
        for (let j = i + 2; j < pages.length; j += 1) {
          expect((pages[j]?.at ?? 0) - (pages[i]?.at ?? 0)).toBeGreaterThanOrEqual((j - i - 1) * 1000);
        }
      }
      expect((pages.at(-1)?.at ?? 0) - (pages[0]?.at ?? 0)).toBeGreaterThanOrEqual(
        (pages.length - 1) * 1000 - 500,
      );
    } finally {
      await alerter.stop();
    }
  }, 240_000);
});
