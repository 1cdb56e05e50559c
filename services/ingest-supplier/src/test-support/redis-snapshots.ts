// Redis snapshot state for integration tests: one client on the real Redis, a unique key prefix per
// state handed out, and a cleanup that deletes only the keys under those prefixes.
import {
  connectRedis,
  createIngestKeys,
  createRedisIngestSnapshots,
  loadIngestSnapshotScripts,
  registerIngestSnapshotScripts,
  type RedisIngestSnapshots,
} from '@trustwatch/store';
import { integrationTargets, uniqueName } from '@trustwatch/testing';

const SERVICE = 'ingest-supplier';

export interface TestIngestRedis {
  /** A new, empty ingest snapshot store under its own prefix. */
  store(): RedisIngestSnapshots;
  /** Another view of the same store as the last `store()` (a second instance sharing the state). */
  sameStore(): RedisIngestSnapshots;
  cleanup(): Promise<void>;
}

export async function testIngestRedis(): Promise<TestIngestRedis> {
  const redis = await connectRedis({ url: integrationTargets().redisUrl });
  registerIngestSnapshotScripts(redis);
  await loadIngestSnapshotScripts(redis);
  const prefixes: string[] = [];
  const open = (prefix: string) => createRedisIngestSnapshots(redis, { prefix, service: SERVICE });
  return {
    store() {
      const prefix = `twtest:${uniqueName('sup-state')}`;
      prefixes.push(prefix);
      return open(prefix);
    },
    sameStore() {
      const prefix = prefixes.at(-1);
      if (prefix === undefined) throw new Error('call store() first');
      return open(prefix);
    },
    async cleanup() {
      for (const prefix of prefixes) {
        const keys = createIngestKeys(prefix, SERVICE);
        await redis.unlink(keys.snapshots, keys.leases, keys.handled);
      }
      await redis.quit();
    },
  };
}
