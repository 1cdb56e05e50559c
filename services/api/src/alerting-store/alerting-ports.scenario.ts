import type { AlertingStore, OutboxUnit } from '@trustwatch/store';
import { expect, it } from 'vitest';
import type { Delivery, Silence } from '../ports/alerting.js';
import { alert, buildWorld, NOW } from '../test-support/world.js';
import { alertingPorts, type OutboxLog } from './index.js';

interface Page<T> {
  items: T[];
  next: string | null;
}

/** Outbox units as the delivery engine leaves them: one sent, one retried. */
export function outboxUnits(customer: string): OutboxUnit[] {
  const base = { notificationId: 'ntf_1', receiver: 'sec-webhook', customer, createdAt: NOW - 60_000 };
  const payload = JSON.stringify({ alerts: [{ fingerprint: 'c0c0c0c0c0c0c0c0' }] });
  return [
    {
      ...base,
      id: 'msg_b',
      payload,
      status: 'failed',
      dueAt: NOW,
      updatedAt: NOW,
      attempts: [{ at: NOW - 30_000, outcome: 'retry', httpStatus: 503 }],
    },
    {
      ...base,
      id: 'msg_a',
      payload,
      status: 'sent',
      dueAt: NOW,
      updatedAt: NOW,
      attempts: [{ at: NOW - 50_000, outcome: 'sent', httpStatus: 200 }],
    },
  ];
}

/**
 * The API's alerting routes over the persisted store: what the alerter writes, the API serves; what
 * people write through the API (acknowledgements, silences, rules), the alerter reads.
 */
export function alertingPortsScenario(
  name: string,
  open: () => Promise<{ store: AlertingStore; outbox: OutboxLog }>,
): void {
  it(`serves alerts, acknowledgements, silences, rules and the delivery log from the ${name} alerting store`, async () => {
    const { store, outbox } = await open();
    const world = await buildWorld(alertingPorts(store, outbox, () => NOW));
    const headers = { 'x-api-key': world.keys.security };
    const acmeAlert = alert('acme', 'c0c0c0c0c0c0c0c0');
    await store.commitCustomer('acme', {
      expectedRev: 0,
      state: '{}',
      dispatch: '{}',
      alerts: [acmeAlert, alert('globex', 'c1c1c1c1c1c1c1c1')],
      notified: [],
      pending: [],
      nextDueAt: null,
      now: NOW,
    });

    const listed = await world.app.inject({ method: 'GET', url: '/v1/alerts?customerId=acme', headers });
    expect(
      listed.json<Page<{ alert: { fingerprint: string } }>>().items.map((r) => r.alert.fingerprint),
    ).toContain(acmeAlert.fingerprint);
    const acked = await world.app.inject({
      method: 'POST',
      url: `/v1/alerts/${acmeAlert.fingerprint}/acknowledge`,
      headers,
      payload: { comment: 'rolling back the BMC image' },
    });
    expect(acked.statusCode).toBe(200);
    expect((await store.getAlert(acmeAlert.fingerprint))?.acknowledged).toMatchObject({
      by: 'soc',
      comment: 'rolling back the BMC image',
    });

    const created = await world.app.inject({
      method: 'POST',
      url: '/v1/silences',
      headers,
      payload: {
        matchers: [
          { label: 'customer', value: 'acme' },
          { label: 'severity', value: 'critical', equal: false },
        ],
        endsAt: new Date(NOW + 3_600_000).toISOString(),
        comment: 'planned BMC update',
      },
    });
    expect(created.statusCode).toBe(201);
    const silence = created.json<Silence>();
    const stored = await store.getSilence(silence.id);
    expect(stored?.matchers).toEqual([
      { name: 'customer', op: '=', value: 'acme' },
      { name: 'severity', op: '!=', value: 'critical' },
    ]);
    expect(stored?.createdBy).toBe('soc');
    const silences = await world.app.inject({ method: 'GET', url: '/v1/silences', headers });
    expect(silences.json<Page<Silence>>().items.find((s) => s.id === silence.id)?.status).toBe('active');
    const expired = await world.app.inject({ method: 'DELETE', url: `/v1/silences/${silence.id}`, headers });
    expect(expired.json<Silence>().status).toBe('expired');
    expect((await store.getSilence(silence.id))?.endsAt).toBe(new Date(NOW).toISOString());

    const admin = { 'x-api-key': world.keys.admin };
    const rule = {
      description: 'vendor score floor',
      severity: 'warning',
      scope: 'vendor',
      below: 60,
      receivers: [],
    };
    expect(
      (
        await world.app.inject({
          method: 'PUT',
          url: '/v1/rules/vendor-floor',
          headers: admin,
          payload: rule,
        })
      ).statusCode,
    ).toBe(200);
    expect(await store.listNamed('rules')).toContainEqual({ name: 'vendor-floor', ...rule });

    const deliveries = await world.app.inject({ method: 'GET', url: '/v1/deliveries', headers });
    const items = deliveries.json<Page<Delivery>>().items.filter((d) => d.customerId === 'acme');
    expect(items.map((d) => [d.id, d.outcome, d.fingerprint])).toEqual([
      ['msg_a', 'delivered', 'c0c0c0c0c0c0c0c0'],
      ['msg_b', 'retrying', 'c0c0c0c0c0c0c0c0'],
    ]);
    expect(items[1]?.detail).toBe('HTTP 503');
  });
}
