import { createKafkaBus, type EventBus } from '@trustwatch/bus';
import { openRedisTrustStore } from '@trustwatch/store';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { loadPolicy } from '@trustwatch/trust-engine';
import { afterAll, describe, expect, it } from 'vitest';
import { captureTerminal, silentLog } from '../test-support/capture.js';
import { runDemo, type DemoResult } from './run-demo.js';

/** What two runs must agree on: every step's trust changes and alerts, and the final scores. */
function story(result: DemoResult) {
  return {
    steps: result.steps.map(({ step, changes, alerts }) => ({
      headline: step.headline,
      changes: changes.map((c) => ({ id: c.id, data: c.data })).sort((a, b) => (a.id < b.id ? -1 : 1)),
      alerts: alerts.map((a) => `${a.labels.customer} ${a.labels.rule} ${a.status}`).sort(),
    })),
    finals: result.finals,
  };
}

describe('the demo on Kafka and Redis', () => {
  let kafka: EventBus | undefined;
  afterAll(async () => {
    await kafka?.deleteTopics();
  });

  it('tells the same story as on the embedded default: same trust changes, alerts and final scores', async () => {
    const policy = await loadPolicy();
    const run = async (adapters?: Parameters<typeof runDemo>[0]['adapters']) =>
      runDemo(
        {
          speed: 1,
          json: true,
          policy,
          log: silentLog,
          ...(adapters ? { adapters } : {}),
        },
        captureTerminal(),
      );
    const embedded = await run();
    const { kafkaBrokers, redisUrl } = integrationTargets();
    kafka = createKafkaBus({
      brokers: kafkaBrokers,
      clientId: uniqueName('cli-demo-test'),
      namespace: `${uniqueName('cli')}.`,
      logger: silentLog,
    });
    const store = await openRedisTrustStore({
      url: redisUrl,
      prefix: uniqueName('twtest-cli'),
      checkDurability: false,
    });
    const real = await run({ bus: kafka, store, groupId: uniqueName('cli-demo-engine') });
    expect(story(real)).toEqual(story(embedded));
  }, 240_000);
});
