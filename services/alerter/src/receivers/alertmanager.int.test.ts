import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlertmanager, type RunningAlertmanager } from '../test-support/alertmanager.js';
import { receivers, testEngine } from '../test-support/engine-fixture.js';
import { waitFor } from '../test-support/alerter-world.js';
import { anAlert, aNotification } from '../test-support/notifications.js';
import { startReceiver, type ReceiverServer } from '../test-support/receiver-server.js';

/** The body Alertmanager's webhook_config posts (version 4). */
interface AmWebhook {
  status: 'firing' | 'resolved';
  alerts: {
    status: 'firing' | 'resolved';
    labels: Record<string, string>;
    annotations: Record<string, string>;
    endsAt: string;
  }[];
}

let sink: ReceiverServer;
let am: RunningAlertmanager;

beforeAll(async () => {
  sink = await startReceiver();
  am = await startAlertmanager({ webhookUrl: `${sink.url}/from-alertmanager` });
});
afterAll(async () => {
  await am.stop();
  await sink.close();
});

const bodies = (): AmWebhook[] => sink.received.map((r) => JSON.parse(r.body) as AmWebhook);

describe("Debian's prometheus-alertmanager as a receiver", () => {
  it('takes our firing alerts over API v2, delivers them to its webhook, and resolves them when we send endsAt', async () => {
    const { engine } = testEngine({
      receivers: receivers({ name: 'team-am', kind: 'alertmanager', url: am.url }),
      now: Date.now,
    });
    const firing = anAlert('acme');
    await engine.enqueue([aNotification('team-am', [firing])]);
    expect((await engine.runOnce()).sent).toBe(1);
    await waitFor(
      () => bodies().some((b) => b.status === 'firing'),
      15_000,
      `alertmanager to deliver\n${am.output()}`,
    );
    const delivered = bodies().find((b) => b.status === 'firing')?.alerts[0];
    expect(delivered?.labels).toEqual({
      alertname: 'unpublished-firmware',
      customer: 'acme',
      severity: 'critical',
      vendor: 'supermicro',
    });
    expect(delivered?.annotations['score_after']).toBe('41.5');
    expect(delivered?.annotations['dashboard']).toBe('https://trustwatch.example/customers/acme');

    const endsAt = new Date(Date.now() - 1_000).toISOString();
    await engine.enqueue([aNotification('team-am', [{ ...firing, status: 'resolved', endsAt }])]);
    expect((await engine.runOnce()).sent).toBe(1);
    await waitFor(
      () => bodies().some((b) => b.status === 'resolved'),
      15_000,
      `alertmanager to resolve\n${am.output()}`,
    );
    const resolved = bodies().find((b) => b.status === 'resolved')?.alerts[0];
    expect(resolved).toMatchObject({ status: 'resolved', labels: { customer: 'acme' } });
    expect(Date.parse(resolved?.endsAt ?? '')).toBe(Date.parse(endsAt));
  });
});
