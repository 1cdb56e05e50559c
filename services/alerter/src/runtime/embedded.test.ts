import { createMemoryBus } from '@trustwatch/bus';
import { createLogger } from '@trustwatch/logging';
import { describe, expect, it } from 'vitest';
import { trustChange, trustChangedEvent, waitFor } from '../test-support/alerter-world.js';
import { startEmbeddedAlerter } from './embedded.js';

describe('the embedded alerter', () => {
  it('runs the shipped rules and routing in process, naming vendors from the entity catalog', async () => {
    const log = createLogger({ service: 'embedded-alerter-test', level: 'silent' });
    const bus = createMemoryBus({ logger: log });
    await bus.ensureTopics(['trust.changed']);
    let t = Date.parse('2026-11-24T10:00:00Z');
    const alerter = await startEmbeddedAlerter({
      bus,
      log,
      now: () => t,
      tickMs: 3_600_000,
      customerNames: { acme: 'Acme Corp' },
    });
    try {
      const change = trustChange('acme', t, 90, 80, {
        factors: [
          {
            id: 'f-swap-1',
            kind: 'firmware_image_swapped',
            change: 'added',
            vendorId: 'supermicro',
            summary: 'BMC image changed under version 01.01.10',
            contribution: 10,
          },
        ],
      });
      await bus.publish('trust.changed', [trustChangedEvent(change, 'evt-swap-1')]);
      await waitFor(() => alerter.metrics().changes === 1, 5_000, 'the change');
      const [view] = (await alerter.store.listAlerts({ customers: ['acme'], limit: 10 })).items;
      expect(view?.alert.summary).toBe(
        'Acme Corp runs a Supermicro firmware image swapped under an unchanged version',
      );
      // The shipped routing waits 5 s; with no receivers file nothing leaves the process.
      t += 5_000;
      await alerter.tick();
      const units = await alerter.outbox.list({ customer: 'acme', limit: 10 });
      expect(units.map((u) => u.receiver).sort()).toEqual(['security-default', 'security-pager']);
      expect(units.every((u) => u.status === 'dead')).toBe(true);
    } finally {
      await alerter.stop();
      await bus.close();
    }
  });
});
