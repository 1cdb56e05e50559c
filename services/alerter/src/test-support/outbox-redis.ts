import { connectRedis, loadOutboxScripts, registerOutboxScripts } from '@trustwatch/store';
import { integrationTargets, uniqueName } from '@trustwatch/testing';
import { afterAll, beforeAll } from 'vitest';

type Client = Awaited<ReturnType<typeof connectRedis>>;

/** A test file's client on the shared Redis and the key prefix its outboxes write under. */
export interface OutboxRedis {
  readonly prefix: string;
  /** The connected client; only valid inside tests and hooks, after the file's beforeAll ran. */
  readonly redis: Client;
}

/**
 * Opens one client with the outbox scripts loaded for the calling test file (beforeAll) and, afterwards,
 * deletes the keys under the file's unique prefix and quits (afterAll). Isolation is by that prefix:
 * shared state is never flushed.
 */
export function outboxRedisPerFile(name: string): OutboxRedis {
  const prefix = `twtest:${uniqueName(name)}`;
  let client: Client | undefined;
  beforeAll(async () => {
    client = await connectRedis({ url: integrationTargets().redisUrl });
    registerOutboxScripts(client);
    await loadOutboxScripts(client);
  });
  afterAll(async () => {
    if (client === undefined) return;
    const redis = client;
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (found.length > 0) await redis.unlink(...found);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
  });
  return {
    prefix,
    get redis(): Client {
      if (client === undefined) throw new Error('the outbox Redis is opened in beforeAll, not at import');
      return client;
    },
  };
}
