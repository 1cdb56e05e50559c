import { createKafkaBus } from '@trustwatch/bus';
import type { Policy } from '@trustwatch/scoring';
import { openRedisTrustStore } from '@trustwatch/store';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMemoryAdvisoryCatalog } from './advisories/advisory-catalog.js';
import { ManualClock } from './clock.js';
import { createMemoryDecaySchedule } from './decay/decay-schedule.js';
import { loadPolicy } from './policy.js';
import { firmwareSwap, timeline } from './test-support/events.js';
import { CUSTOMERS, PORTFOLIO, Scenario, silentLog, type ScenarioEnv } from './test-support/harness.js';
import { defineScenarioSuite } from './test-support/scenario-suite.js';

/** A fresh topic namespace on the real broker and a fresh key prefix on the real Redis. */
async function kafkaRedisEnv(): Promise<ScenarioEnv> {
  const { kafkaBrokers, redisUrl } = integrationTargets();
  const bus = createKafkaBus({
    brokers: kafkaBrokers,
    clientId: uniqueName('trust-engine-test'),
    namespace: `${uniqueName('te')}.`,
    logger: silentLog,
  });
  const store = await openRedisTrustStore({
    url: redisUrl,
    prefix: uniqueName('twtest-engine'),
    checkDurability: false,
  });
  return {
    bus,
    store,
    // Kafka delivers in fetch rounds (100 ms max wait) and commits about every second.
    quietMs: 1500,
    async dispose() {
      await bus.deleteTopics();
      await bus.close();
      await store.close();
    },
  };
}

defineScenarioSuite('trust engine on Kafka and Redis', kafkaRedisEnv);

describe('trust engine instances sharing a consumer group', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy();
  });

  async function finalState(engines: number) {
    // Instances share what a production deployment would keep in the store: schedule and advisories.
    const scenario = await Scenario.start(await kafkaRedisEnv(), {
      policy,
      engines,
      clock: new ManualClock(Date.parse('2018-10-01T00:00:00Z')),
      schedule: createMemoryDecaySchedule(),
      advisories: createMemoryAdvisoryCatalog(),
    });
    try {
      for (const [topic, events] of timeline()) await scenario.publish(topic, events);
      // One swap per customer: firmware.changed is keyed by customer, so these spread over partitions.
      await scenario.publish(
        'firmware.changed',
        CUSTOMERS.map((c) => firmwareSwap(c, PORTFOLIO.customers[c]?.[0]?.id ?? c, '2026-11-25T10:00:00Z')),
      );
      await scenario.drain(90_000);
      const handled = scenario.engines.map((e) => e.metrics().done + e.metrics().skipped);
      expect(handled.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(
        timeline().flatMap(([, e]) => e).length,
      );
      // Both instances took part: each owned some of the partitions with records.
      if (engines > 1) for (const count of handled) expect(count).toBeGreaterThan(0);
      const state = await scenario.state();
      return Object.fromEntries(
        Object.entries(state).map(([customer, { summary, factors }]) => [customer, { summary, factors }]),
      );
    } finally {
      await scenario.stop();
    }
  }

  it('two engines in one group produce the same final state as one', async () => {
    const one = await finalState(1);
    const two = await finalState(2);
    expect(one['acme']?.factors.length).toBeGreaterThan(2);
    expect(two).toEqual(one);
  }, 240_000);
});
