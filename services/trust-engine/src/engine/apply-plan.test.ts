import { BusError, type EventTopic } from '@trustwatch/bus';
import type { CloudEvent } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy.js';
import { directEngine, seedPortfolio } from '../test-support/direct.js';
import { bmcObserved, cveAdvisory, firmwareSwap } from '../test-support/events.js';
import { trustChangedId } from './apply-plan.js';
import { dedupeKey } from './context.js';

type Engine = Awaited<ReturnType<typeof directEngine>>;

/** Makes the engine's next publish fail (the broker went away); returns what later publishes sent. */
function failNextPublish(engine: Engine): CloudEvent[] {
  const sent: CloudEvent[] = [];
  const publish = engine.bus.publish.bind(engine.bus);
  let failures = 1;
  engine.bus.publish = (topic: EventTopic, events: readonly CloudEvent[]) => {
    if (failures-- > 0) return Promise.reject(new BusError('PUBLISH_FAILED', 'broker went away'));
    sent.push(...events);
    return publish(topic, events);
  };
  return sent;
}

describe('publishing after apply', () => {
  it('publishes the recorded trust change again when the first delivery crashed between apply and publish', async () => {
    const engine = await directEngine(await loadPolicy());
    await seedPortfolio(engine.store);
    const sent = failNextPublish(engine);
    const event = firmwareSwap('acme', 'sm-1', '2026-11-24T10:00:00Z');
    await expect(engine.feed(event)).rejects.toMatchObject({ retriable: true });
    const applied = await engine.store.getSummary('acme');
    expect(applied?.overall.score).toBeLessThan(100);

    await engine.feed(event);
    expect(sent.map((e) => e.id)).toEqual([trustChangedId('acme', dedupeKey(event))]);
    expect(await engine.store.getSummary('acme')).toEqual(applied);
    expect((await engine.store.feed('acme', { limit: 10 })).entries).toHaveLength(1);
  });

  it('publishes again what a snapshot applied when its redelivery finds the advisory revised away', async () => {
    const engine = await directEngine(await loadPolicy());
    await seedPortfolio(engine.store);
    const advisory = cveAdvisory();
    await engine.feed(advisory);
    const sent = failNextPublish(engine);
    // A new board in the advisory's affected range: the first delivery applies, its publish fails.
    const observed = bmcObserved('umbrella', 'umbrella-x12', '1.04.16', '2025-03-03T00:00:00Z');
    const before = await engine.store.getSummary('umbrella');
    await expect(engine.feed(observed)).rejects.toMatchObject({ retriable: true });
    const applied = await engine.store.getSummary('umbrella');
    expect(applied).not.toEqual(before);
    // Revised before the redelivery: the advisory names no Super Micro product any more.
    const affected = advisory.data.affected.map((p) => ({ ...p, vendorId: 'nobody', vendorName: 'Nobody' }));
    await engine.store.putAdvisory({ eventId: 'revision', advisory: { ...advisory.data, affected } });
    expect(await engine.store.advisoriesOfVendor('supermicro')).toEqual([]);

    await engine.feed(observed);
    expect(sent.map((e) => e.id)).toEqual([trustChangedId('umbrella', dedupeKey(observed))]);
    expect(await engine.store.getSummary('umbrella')).toEqual(applied);
  });
});
