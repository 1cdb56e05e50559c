import { openRedisAlerting, type RedisAlerting } from '@trustwatch/store';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { afterAll, describe } from 'vitest';
// Test support of the store package, outside its public index on purpose.
import { purgeKeyPrefix } from '../../../../packages/store/src/contract/purge-prefix.js';
import { alertingPortsScenario, outboxUnits } from './alerting-ports.scenario.js';

const prefix = uniqueName('twtest-api-alerting');
let redis: RedisAlerting | undefined;

afterAll(async () => {
  await redis?.close();
  await purgeKeyPrefix({ url: integrationTargets().redisUrl, prefix });
});

describe('alerting ports over the Redis alerting store and outbox', () => {
  alertingPortsScenario('Redis', async () => {
    redis = await openRedisAlerting({ url: integrationTargets().redisUrl, prefix, checkDurability: false });
    const { outbox } = redis;
    // The units go through the outbox as the delivery engine drives it: enqueue, claim, record.
    const units = outboxUnits('acme');
    await outbox.enqueue(
      units.map(({ id, notificationId, receiver, customer, payload, createdAt }) => ({
        id,
        notificationId,
        receiver,
        customer,
        payload,
        createdAt,
      })),
    );
    await outbox.claim({ now: units[0]?.createdAt ?? 0, limit: 10, leaseMs: 60_000, owner: 'engine' });
    for (const unit of units) {
      const attempt = unit.attempts[0];
      if (attempt === undefined) continue;
      await outbox.complete(unit.id, {
        owner: 'engine',
        now: attempt.at,
        status: unit.status === 'sent' ? 'sent' : 'failed',
        attempt,
        retryAt: attempt.at + 60_000,
      });
    }
    return { store: redis.store, outbox };
  });
});
