import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { deliveryId } from '../delivery/engine.js';
import { anAlert, aNotification } from '../test-support/notifications.js';
import { receivers, testEngine } from '../test-support/engine-fixture.js';
import { startReceiver, type ReceiverServer } from '../test-support/receiver-server.js';
import { pagerDutyDedupKey } from './render-pagerduty.js';
import { signWebhook, webhookHeaders } from './standard-webhook.js';

const servers: ReceiverServer[] = [];
async function server(): Promise<ReceiverServer> {
  const s = await startReceiver();
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
const secret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

describe('Standard Webhooks signing', () => {
  it("reproduces the specification's published test vector", () => {
    const sig = signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    expect(sig).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('signs with every secret during a rotation, space-separated', () => {
    const headers = webhookHeaders(
      ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', secret()],
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    const sigs = headers['webhook-signature']?.split(' ') ?? [];
    expect(sigs).toHaveLength(2);
    expect(sigs[0]).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });
});

describe('HTTP receivers', () => {
  it('delivers a webhook that the standardwebhooks library verifies with the old and the new secret', async () => {
    const s = await server();
    const [oldSecret, newSecret] = [secret(), secret()];
    const { engine } = testEngine({
      receivers: receivers({
        name: 'hook',
        kind: 'webhook',
        url: `${s.url}/in`,
        secrets: [newSecret, oldSecret],
      }),
    });
    const n = aNotification('hook');
    await engine.enqueue([n]);
    expect((await engine.runOnce()).sent).toBe(1);
    const got = s.received[0];
    if (got === undefined) throw new Error('nothing received');
    const headers = got.headers as Record<string, string>;
    expect(headers['webhook-id']).toBe(deliveryId(n.id, 'hook'));
    for (const key of [oldSecret, newSecret]) {
      const payload = new Webhook(key).verify(got.body, headers) as { type: string; data: typeof n };
      expect(payload.type).toBe('trustwatch.notification.firing');
      expect(payload.data.alerts[0]?.score).toEqual({ before: 82, after: 41.5 });
      expect(payload.data.alerts[0]?.evidence[0]?.url).toMatch(/^https:\/\/www\.supermicro\.com/);
      expect(payload.data.dashboardUrl).toBe('https://trustwatch.example/customers/acme');
    }
    expect(() => new Webhook(secret()).verify(got.body, headers)).toThrow(/No matching signature/);
  });

  it('posts Slack Block Kit with a text fallback, score move, factors, sources and a dashboard button', async () => {
    const s = await server();
    const { engine } = testEngine({ receivers: receivers({ name: 'slack-sec', kind: 'slack', url: s.url }) });
    await engine.enqueue([aNotification('slack-sec')]);
    await engine.runOnce();
    const body = JSON.parse(s.received[0]?.body ?? '{}') as {
      text: string;
      blocks: { type: string; text?: { text: string }; elements?: { url?: string }[] }[];
    };
    expect(body.text).toContain('trust 82 -> 41.5');
    expect(body.blocks[0]?.type).toBe('header');
    const section = body.blocks.find((b) => b.type === 'section')?.text?.text ?? '';
    expect(section).toContain('trust 82 -> 41.5');
    expect(section).toContain('firmware_unknown_build');
    expect(section).toContain(
      '<https://www.supermicro.com/en/support/security_BMC_IPMI_Sept_2024|supermicro>',
    );
    const button = body.blocks.find((b) => b.type === 'actions')?.elements?.[0];
    expect(button?.url).toBe('https://trustwatch.example/customers/acme');
  });

  it('triggers and then resolves one PagerDuty incident with the same dedup_key', async () => {
    const s = await server();
    const { engine } = testEngine({
      receivers: receivers({ name: 'pd', kind: 'pagerduty', url: s.url, routingKey: 'R0UT1NGKEY' }),
    });
    await engine.enqueue([aNotification('pd')]);
    await engine.runOnce();
    await engine.enqueue([
      aNotification('pd', [anAlert('acme', { status: 'resolved', endsAt: '2026-11-24T11:00:00.000Z' })]),
    ]);
    await engine.runOnce();
    const [trigger, resolve] = s.received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    const key = pagerDutyDedupKey('pd', '{}/{customer="acme"}:{customer="acme"}');
    expect(trigger).toMatchObject({ routing_key: 'R0UT1NGKEY', event_action: 'trigger', dedup_key: key });
    expect(trigger?.['payload']).toMatchObject({
      severity: 'critical',
      source: 'acme',
      component: 'supermicro',
    });
    expect(trigger?.['links']).toContainEqual({
      href: 'https://trustwatch.example/customers/acme',
      text: 'Trustwatch dashboard',
    });
    expect(resolve).toEqual({ routing_key: 'R0UT1NGKEY', event_action: 'resolve', dedup_key: key });
  });

  it('posts Alertmanager v2 postableAlerts: string labels, evidence annotations, endsAt in the future while firing, the real end once resolved', async () => {
    const s = await server();
    const { engine } = testEngine({
      receivers: receivers({ name: 'am', kind: 'alertmanager', url: `${s.url}/` }),
      now: () => Date.parse('2026-11-24T10:05:00.000Z'),
    });
    await engine.enqueue([
      aNotification('am', [
        anAlert(),
        anAlert('acme', {
          status: 'resolved',
          endsAt: '2026-11-24T10:04:00.000Z',
          fingerprint: 'ffff0000ffff0000',
        }),
      ]),
    ]);
    await engine.runOnce();
    expect(s.received[0]?.path).toBe('/api/v2/alerts');
    const alerts = JSON.parse(s.received[0]?.body ?? '[]') as Record<string, unknown>[];
    for (const a of alerts) {
      expect(Object.keys(a).sort()).toEqual(['annotations', 'endsAt', 'generatorURL', 'labels', 'startsAt']);
      for (const v of Object.values(a['labels'] as object)) expect(typeof v).toBe('string');
    }
    expect(alerts[0]).toMatchObject({
      labels: {
        alertname: 'unpublished-firmware',
        customer: 'acme',
        vendor: 'supermicro',
        severity: 'critical',
      },
      annotations: {
        score_before: '82',
        score_after: '41.5',
        dashboard: 'https://trustwatch.example/customers/acme',
      },
      endsAt: '2026-11-24T15:05:00.000Z',
    });
    expect(alerts[1]?.['endsAt']).toBe('2026-11-24T10:04:00.000Z');
  });
});
