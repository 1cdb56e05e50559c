import { DLQ_HEADERS, type DeliveredRecord, type EventBus } from '@trustwatch/bus';
import { createLogger } from '@trustwatch/logging';
import { silenceIdAt, type RedisAlerting } from '@trustwatch/store';
import { uniqueName } from '@trustwatch/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  testRouting,
  trustChange,
  trustChangedEvent,
  verifiedNotification,
  waitFor,
  warningCrossing,
  webhookSecret,
  webhookSetup,
} from '../test-support/alerter-world.js';
import { startReceiver, type ReceiverServer } from '../test-support/receiver-server.js';
import { openAlerterInfra, type AlerterInfra } from '../test-support/shared-infra.js';
import { startAlerter, type Alerter } from './alerter.js';

const log = createLogger({ service: 'alerter-int-test', level: 'silent' });
const secret = webhookSecret();
let bus: EventBus;
let redis: RedisAlerting;
let infra: AlerterInfra;
let hook: ReceiverServer;

beforeAll(async () => {
  infra = await openAlerterInfra('alerter', log);
  ({ bus, redis } = infra);
  hook = await startReceiver();
});

afterAll(async () => {
  await hook.close();
  await infra.close();
});

/** An alerter on the shared broker namespace and Redis prefix; group_wait 2 s, flushing every 100 ms. */
function start(groupId: string): Promise<Alerter> {
  return startAlerter({
    bus,
    store: redis.store,
    outbox: redis.outbox,
    setup: webhookSetup(`${hook.url}/alerts`, secret, testRouting('2s', '1s')),
    log,
    dashboardBaseUrl: 'http://127.0.0.1:8080',
    groupId,
    tickMs: 100,
  });
}

const publish = (customer: string, before: number, after: number, direction: 'down' | 'up', id: string) =>
  bus.publish('trust.changed', [
    trustChangedEvent(
      trustChange(customer, Date.now(), before, after, { crossings: [warningCrossing(direction)] }),
      id,
    ),
  ]);

const receivedFor = (customer: string) =>
  hook.received.filter((r) => verifiedNotification(r, secret).groupLabels['customer'] === customer);

describe('the alerter on Kafka and Redis', () => {
  it('survives a restart mid-way: the group waits in Redis, a re-read topic applies nothing twice, and the condition clearing resolves it', async () => {
    const customer = uniqueName('acme');
    const first = await start(uniqueName('alerter-a'));
    await publish(customer, 70, 58, 'down', `${customer}-down`);
    await waitFor(() => first.metrics().changes === 1, 30_000, 'the first alerter to apply the change');
    // Stopped well within group_wait: nothing was sent, the group lives on only in Redis.
    await first.stop();
    expect(receivedFor(customer)).toHaveLength(0);

    // A fresh consumer group re-reads the topic from the start, as after a lost offset commit.
    const second = await start(uniqueName('alerter-b'));
    try {
      await waitFor(() => receivedFor(customer).length === 1, 30_000, 'the firing notification');
      expect(second.metrics()).toMatchObject({ changes: 0, duplicates: 1 });
      const firing = verifiedNotification(receivedFor(customer)[0]!, secret);
      expect(firing).toMatchObject({ status: 'firing', counts: { firing: 1, resolved: 0 } });
      expect(firing.alerts[0]?.dashboardUrl).toBe(`http://127.0.0.1:8080/customers/${customer}`);

      await publish(customer, 58, 66, 'up', `${customer}-up`);
      await waitFor(() => receivedFor(customer).length === 2, 30_000, 'the resolved notification');
      const resolved = verifiedNotification(receivedFor(customer)[1]!, secret);
      expect(resolved).toMatchObject({ status: 'resolved', counts: { firing: 0, resolved: 1 } });
      const ids = receivedFor(customer).map((r) => r.headers['webhook-id']);
      expect(new Set(ids).size).toBe(2);
      // A few more ticks: nothing is sent again.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(receivedFor(customer)).toHaveLength(2);
      const view = await redis.store.getAlert(firing.alerts[0]!.fingerprint);
      expect(view?.alert.status).toBe('resolved');
    } finally {
      await second.stop();
    }
  });

  it('keeps a customer silenced in the store quiet while another customer is notified', async () => {
    const [quiet, loud] = [uniqueName('initech'), uniqueName('globex')];
    const now = Date.now();
    const at = new Date(now).toISOString();
    await redis.store.createSilence({
      id: silenceIdAt(now, uniqueName('sil')),
      matchers: [{ name: 'customer', op: '=', value: quiet }],
      startsAt: at,
      endsAt: new Date(now + 3_600_000).toISOString(),
      createdBy: 'soc-oncall',
      comment: 'planned BMC firmware rollout',
      createdAt: at,
      updatedAt: at,
    });
    const alerter = await start(uniqueName('alerter-s'));
    try {
      await publish(quiet, 70, 58, 'down', `${quiet}-down`);
      await publish(loud, 70, 58, 'down', `${loud}-down`);
      await waitFor(() => receivedFor(loud).length === 1, 30_000, 'the unsilenced notification');
      await waitFor(() => alerter.metrics().muted >= 1, 5_000, 'the silenced alert to be muted');
      expect(receivedFor(quiet)).toHaveLength(0);
    } finally {
      await alerter.stop();
    }
  });

  it('dead-letters a trust.changed record that is not a valid event, with the reason in its headers', async () => {
    const alerter = await start(uniqueName('alerter-d'));
    const dead: DeliveredRecord[] = [];
    const reader = await bus.consumeRecords({
      groupId: uniqueName('dlq-reader'),
      topics: ['trust.changed.dlq'],
      handle: (record) => Promise.resolve(void dead.push(record)),
    });
    try {
      await bus.publishRaw('trust.changed', [
        { key: 'acme', value: Buffer.from('{"not":"an event"}'), headers: {} },
      ]);
      await waitFor(() => dead.length === 1, 30_000, 'the dead letter');
      expect(dead[0]?.headers[DLQ_HEADERS.reason]).toBeTruthy();
      expect(dead[0]?.value?.toString()).toBe('{"not":"an event"}');
    } finally {
      await reader.stop();
      await alerter.stop();
    }
  });
});
