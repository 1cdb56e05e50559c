import { describe, expect, it } from 'vitest';
import { trustChanged, testLogger } from './contract/fixtures.js';
import { decorateBus } from './decorate-bus.js';
import { createMemoryBus } from './memory/memory-bus.js';

describe('decorateBus', () => {
  it('runs the replaced methods and hands every other call to the bus it wraps', async () => {
    const bus = createMemoryBus({ logger: testLogger, namespace: 'decorate.' });
    const tapped: string[] = [];
    const decorated = decorateBus(bus, {
      publish: async (topic, events) => {
        tapped.push(...events.map((e) => e.id));
        await bus.publish(topic, events);
      },
    });
    await decorated.ensureTopics(['trust.changed']);
    const event = trustChanged('acme', 1);
    await decorated.publish('trust.changed', [event]);
    expect(tapped).toEqual([event.id]);
    // Delegated: the wrapped bus's own counters saw the publish.
    expect(decorated.metrics()).toEqual(bus.metrics());
    await decorated.close();
    await expect(bus.publish('trust.changed', [event])).rejects.toThrow();
  });
});
