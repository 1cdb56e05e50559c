import { BusError, type EventTopic } from '@trustwatch/bus';
import type { CloudEvent } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy.js';
import { directEngine, seedPortfolio } from '../test-support/direct.js';
import { firmwareSwap } from '../test-support/events.js';
import { trustChangedId } from './apply-plan.js';
import { dedupeKey } from './context.js';

describe('publishing after apply', () => {
  it('publishes the recorded trust change again when the first delivery crashed between apply and publish', async () => {
    const engine = await directEngine(await loadPolicy());
    await seedPortfolio(engine.store);
    const sent: CloudEvent[] = [];
    const publish = engine.bus.publish.bind(engine.bus);
    let failures = 1;
    engine.bus.publish = (topic: EventTopic, events: readonly CloudEvent[]) => {
      if (failures-- > 0) return Promise.reject(new BusError('PUBLISH_FAILED', 'broker went away'));
      sent.push(...events);
      return publish(topic, events);
    };
    const event = firmwareSwap('acme', 'sm-1', '2026-11-24T10:00:00Z');
    await expect(engine.feed(event)).rejects.toMatchObject({ retriable: true });
    const applied = await engine.store.getSummary('acme');
    expect(applied?.overall.score).toBeLessThan(100);

    await engine.feed(event);
    expect(sent.map((e) => e.id)).toEqual([trustChangedId('acme', dedupeKey(event))]);
    expect(await engine.store.getSummary('acme')).toEqual(applied);
    expect((await engine.store.feed('acme', { limit: 10 })).entries).toHaveLength(1);
  });
});
