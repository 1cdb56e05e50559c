import { createMemoryBus } from '@trustwatch/bus';
import { createMemoryTrustStore } from '@trustwatch/store';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { startTrustEngine } from '../embedded.js';
import { ENGINE_TOPICS } from '../engine/handle-event.js';
import { loadPolicy } from '../policy.js';
import { seedPortfolio } from '../test-support/direct.js';
import { bigHack } from '../test-support/events.js';
import { silentLog, sleep } from '../test-support/harness.js';
import { createMemoryDecaySchedule } from './decay-schedule.js';
import { rebuildSchedule } from './rebuild-schedule.js';

describe('decay schedule across restarts', () => {
  it('lets a new engine instance run the re-evaluation an earlier instance scheduled', async () => {
    const policy = await loadPolicy();
    const bus = createMemoryBus({ logger: silentLog });
    await bus.ensureTopics([...ENGINE_TOPICS, 'trust.changed']);
    const store = createMemoryTrustStore();
    await seedPortfolio(store);
    const schedule = createMemoryDecaySchedule();
    const clock = new ManualClock(Date.parse('2018-10-04T09:00:00Z'));
    const options = { bus, store, policy, log: silentLog, clock, schedule, groupId: 'engine' };
    const first = await startTrustEngine(options);
    await bus.publish('news.classified', [bigHack()]);
    while ((await store.getSummary('acme')) === null) await sleep(10);
    await first.stop();
    const due = await schedule.next();
    expect(due).not.toBeNull();

    const second = await startTrustEngine(options);
    clock.advanceTo(due ?? 0);
    await second.decay.settled();
    const feed = await store.feed('acme', { limit: 10 });
    expect(feed.entries[0]?.change.causeEventIds).toEqual([]);
    expect(Date.parse(feed.entries[0]?.change.at ?? '')).toBe(due);
    expect(second.metrics().decayReevaluations).toBeGreaterThanOrEqual(1);
    expect(first.metrics().decayReevaluations).toBe(0);
    await second.stop();
    await bus.close();
  });

  it('rebuilds the schedule from the store when a new process starts with an empty one', async () => {
    const policy = await loadPolicy();
    const bus = createMemoryBus({ logger: silentLog });
    await bus.ensureTopics([...ENGINE_TOPICS, 'trust.changed']);
    const store = createMemoryTrustStore();
    await seedPortfolio(store);
    const clock = new ManualClock(Date.parse('2018-10-04T09:00:00Z'));
    const first = await startTrustEngine({ bus, store, policy, log: silentLog, clock, groupId: 'engine' });
    await bus.publish('news.classified', [bigHack()]);
    while ((await store.getSummary('acme')) === null) await sleep(10);
    await first.stop();

    const schedule = createMemoryDecaySchedule();
    expect(await rebuildSchedule(store, schedule, policy)).toBe(2);
    const due = await schedule.next();
    // The restarted process builds its own schedule from the store (no schedule passed in).
    const second = await startTrustEngine({ bus, store, policy, log: silentLog, clock, groupId: 'engine' });
    clock.advanceTo(due ?? 0);
    await second.decay.settled();
    expect(second.metrics().decayReevaluations).toBe(2);
    const feed = await store.feed('acme', { limit: 10 });
    expect(Date.parse(feed.entries[0]?.change.at ?? '')).toBe(due);
    await second.stop();
    await bus.close();
  });
});
