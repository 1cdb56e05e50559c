import { createHash } from 'node:crypto';
import { notificationSchema, type Notification } from '@trustwatch/alerting';
import {
  checkPolicy,
  createDeliveryEngine,
  createMemoryOutbox,
  deliveryId,
  receiverConfigSchema,
  type DeliveryEngine,
  type OutboxPort,
} from '@trustwatch/alerter';
import type { Alert } from '@trustwatch/schemas';
import { afterAll, describe, expect, it } from 'vitest';
import { SIZES_IN_USE as SIZE } from './config.js';
import { BEHAVIOURS, FaultyReceiver } from './harness/receivers.js';
import { recordResult } from './harness/results.js';

// Receivers listen on loopback, so the address policy allows exactly that (production allows none).
const LOOPBACK = checkPolicy({ allow: ['127.0.0.1/32'], allowHosts: [] });
const LEASE_MS = 30_000;
const CRASHES = 3;

function alertFor(customer: string, i: number): Alert {
  return {
    labels: { customer, vendor: 'supermicro', rule: 'unpublished-firmware', severity: 'critical' },
    fingerprint: (0x1000_0000_0000 + i).toString(16).padStart(16, '0'),
    status: 'firing',
    startsAt: new Date(Date.UTC(2031, 0, 1, 0, i)).toISOString(),
    summary: `${String(i + 1)} BMCs now run a firmware image whose hash no vendor published`,
    score: { before: 82, after: 41.5 },
    factors: [],
    evidence: [],
    dashboardUrl: `https://trustwatch.example/customers/${customer}`,
  };
}

/** A valid notification (checked against the schema, so a typo here cannot pass as a delivery fault). */
function notification(receiver: string, i: number): Notification {
  const customer = `cust-${String(i % 5).padStart(3, '0')}`;
  return notificationSchema.parse({
    id: `ntf_${createHash('sha256')
      .update(`${receiver}\n${String(i)}`)
      .digest('hex')
      .slice(0, 32)}`,
    receiver,
    groupKey: `{}/{customer="${customer}"}:{customer="${customer}"}`,
    groupLabels: { customer },
    status: 'firing',
    at: new Date(Date.UTC(2031, 0, 1, 0, i)).toISOString(),
    summary: `[FIRING] 1 alert for ${customer}`,
    alerts: [alertFor(customer, i)],
    counts: { firing: 1, resolved: 0 },
    truncatedAlerts: 0,
    dashboardUrl: `https://trustwatch.example/customers/${customer}`,
  });
}

/** The outbox, except that the first `crashes` recordings after a send never happen: the process died. */
function crashingOutbox(outbox: OutboxPort, crashes: number): { outbox: OutboxPort; crashed: () => number } {
  let crashed = 0;
  const wrapped: OutboxPort = Object.create(outbox) as OutboxPort;
  wrapped.complete = (id, completion) => {
    if (crashed < crashes) {
      crashed += 1;
      return Promise.reject(new Error('the process died between sending and recording'));
    }
    return outbox.complete(id, completion);
  };
  return { outbox: wrapped, crashed: () => crashed };
}

const receivers: FaultyReceiver[] = [];
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

describe('fault 7: alert delivery against failing receivers', () => {
  it(
    'delivers every alert to every healthy receiver, duplicates only under one idempotency key',
    async () => {
      const startedAt = Date.now();
      for (const [name, { behaviour }] of Object.entries(BEHAVIOURS))
        receivers.push(await FaultyReceiver.start(name, behaviour));
      const configs = receivers.map((r) =>
        receiverConfigSchema.parse({
          name: r.name,
          kind: 'webhook',
          url: r.url,
          secrets: [`whsec_${'A'.repeat(32)}`],
          timeoutMs: 300,
        }),
      );
      let now = Date.UTC(2031, 0, 1);
      const memory = createMemoryOutbox();
      const engineWith = (outbox: OutboxPort, owner: string): DeliveryEngine =>
        createDeliveryEngine({
          outbox,
          receivers: configs,
          policy: LOOPBACK,
          leaseMs: LEASE_MS,
          now: () => now,
          random: () => 0.5,
          owner,
        });
      const perReceiver = Math.max(5, Math.round(SIZE.events / 200));
      const notifications = receivers.flatMap((r) =>
        Array.from({ length: perReceiver }, (_, i) => notification(r.name, i)),
      );

      // First worker: sends, then dies before recording a few outcomes; its run is abandoned.
      const crashing = crashingOutbox(memory, CRASHES);
      const first = engineWith(crashing.outbox, 'worker-1');
      await first.enqueue(notifications);
      await first.runOnce().catch(() => undefined);
      first.close();
      // A restarted worker (new owner) takes over once the dead worker's leases expire, and retries run
      // on a clock moved forward past each backoff.
      const second = engineWith(memory, 'worker-2');
      let rounds = 0;
      for (; rounds < 200; rounds += 1) {
        now += LEASE_MS + 60_000;
        await second.runOnce();
        const open = await memory.list({ limit: 10_000 });
        if (!open.some((u) => u.status === 'pending' || u.status === 'failed' || u.dueAt > now)) break;
      }
      second.close();

      const units = await memory.list({ limit: 10_000 });
      const missing: string[] = [];
      let duplicates = 0;
      let foreignKeys = 0;
      let twiceAccepted = 0;
      for (const receiver of receivers) {
        const delivered = new Set(
          receiver.deliveries
            .filter((d) => typeof d.status === 'number' && d.status < 300)
            .map((d) => d.notificationId),
        );
        if (BEHAVIOURS[receiver.name]?.healthy === true) {
          for (const n of notifications.filter((x) => x.receiver === receiver.name))
            if (!delivered.has(n.id)) missing.push(`${receiver.name}:${n.id}`);
        }
        const byNotification = new Map<string, number>();
        for (const d of receiver.deliveries) {
          byNotification.set(d.notificationId, (byNotification.get(d.notificationId) ?? 0) + 1);
          if (d.webhookId !== deliveryId(d.notificationId, receiver.name)) foreignKeys += 1;
        }
        const accepted = receiver.deliveries.filter((d) => typeof d.status === 'number' && d.status < 300);
        twiceAccepted += accepted.length - new Set(accepted.map((d) => d.notificationId)).size;
        duplicates += [...byNotification.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
      }
      const statusCount = (status: string) => units.filter((u) => u.status === status).length;
      const passed = missing.length === 0 && foreignKeys === 0 && crashing.crashed() === CRASHES;
      recordResult(
        {
          fault: '7-alert-delivery',
          title:
            'Alert delivery: receivers answering 500, 429, 410, redirects or hanging; crash between send and record',
          criterion:
            'every alert reaches every healthy receiver; repeated requests carry the same idempotency key',
          passed,
          figures: {
            receivers: receivers.length,
            'notifications per receiver': perReceiver,
            'crashes between send and record': crashing.crashed(),
            'alerts missing at healthy receivers': missing.length,
            'repeated requests (retries and re-sends, same key)': duplicates,
            'alerts accepted twice by a receiver (re-sent after a crash)': twiceAccepted,
            'requests under another idempotency key': foreignKeys,
            'units sent / dead / disabled': `${String(statusCount('sent'))} / ${String(statusCount('dead'))} / ${String(statusCount('disabled'))}`,
            'worker rounds until every unit settled': rounds + 1,
          },
        },
        startedAt,
      );
      expect(crashing.crashed()).toBe(CRASHES);
      expect(missing).toEqual([]);
      expect(foreignKeys).toBe(0);
    },
    SIZE.timeoutMs,
  );
});
