import { afterEach, describe, expect, it } from 'vitest';
import { anAlert, aNotification } from '../test-support/notifications.js';
import { receivers, testEngine } from '../test-support/engine-fixture.js';
import { startReceiver, type ReceiverServer } from '../test-support/receiver-server.js';

const servers: ReceiverServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const CUSTOMERS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'wayne'];

/** A firing notification of `customer`, then its resolved one (both to the receiver `hook`). */
function firingThenResolved(customer: string) {
  const labels = { groupLabels: { customer } };
  return [
    aNotification('hook', [anAlert(customer)], labels),
    aNotification(
      'hook',
      [anAlert(customer, { status: 'resolved', endsAt: '2026-11-24T11:00:00.000Z' })],
      labels,
    ),
  ];
}

describe('delivery lanes within one receiver', () => {
  it('sends to several customers at once while keeping each customer firing before resolved', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const arrivals: { customer: string; status: string }[] = [];
    const hook = await startReceiver((req, res) => {
      const { data } = JSON.parse(req.body) as {
        data: { groupLabels: { customer: string }; status: string };
      };
      arrivals.push({ customer: data.groupLabels.customer, status: data.status });
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      // Slow enough that a receiver worked one request at a time would show one in flight.
      setTimeout(() => {
        inFlight -= 1;
        res.end('ok');
      }, 40);
    });
    servers.push(hook);
    const { engine } = testEngine({
      receivers: receivers({
        name: 'hook',
        kind: 'webhook',
        url: hook.url,
        secrets: [`whsec_${'E'.repeat(32)}`],
        ratePerSec: 1000,
        burst: 1000,
      }),
    });
    await engine.enqueue(CUSTOMERS.flatMap(firingThenResolved));
    const summary = await engine.runOnce();
    expect(summary).toMatchObject({ claimed: 12, sent: 12 });
    expect(mostInFlight).toBeGreaterThan(1);
    for (const customer of CUSTOMERS) {
      const own = arrivals.filter((a) => a.customer === customer).map((a) => a.status);
      expect(own).toEqual(['firing', 'resolved']);
    }
  });
});
