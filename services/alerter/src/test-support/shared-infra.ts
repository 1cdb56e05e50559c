import { createKafkaBus, type EventBus } from '@trustwatch/bus';
import type { Logger } from '@trustwatch/logging';
import { openRedisAlerting, type RedisAlerting } from '@trustwatch/store';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
// Test support of the store package, outside its public index on purpose.
import { purgeKeyPrefix } from '../../../../packages/store/src/contract/purge-prefix.js';

/** What an alerter integration test shares across its cases, and the one call that removes it again. */
export interface AlerterInfra {
  bus: EventBus;
  redis: RedisAlerting;
  close: () => Promise<void>;
}

/**
 * The shared broker and Redis as an alerter integration test uses them: a bus on a namespace of its own
 * with trust.changed created, and the alerting store under a unique key prefix. Isolation is by those
 * names, so `close` deletes only these topics and purges only this prefix.
 */
export async function openAlerterInfra(name: string, log: Logger): Promise<AlerterInfra> {
  const { kafkaBrokers, redisUrl } = integrationTargets();
  const prefix = uniqueName(`twtest-${name}`);
  const bus = createKafkaBus({
    brokers: kafkaBrokers,
    clientId: uniqueName(name),
    namespace: `${uniqueName(name)}.`,
    logger: log,
  });
  await bus.ensureTopics(['trust.changed']);
  const redis = await openRedisAlerting({ url: redisUrl, prefix, checkDurability: false });
  return {
    bus,
    redis,
    async close() {
      await bus.deleteTopics();
      await bus.close();
      await redis.close();
      await purgeKeyPrefix({ url: redisUrl, prefix });
    },
  };
}
