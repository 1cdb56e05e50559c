import { createKeys } from '../keys.js';
import { connectRedis } from '../redis/connection.js';

// Keys per SCAN page and per UNLINK: each call stays far below a millisecond of server time.
const BATCH = 1000;

/**
 * Test support, not part of the package's public API: deletes every key a store with this key prefix
 * wrote, so an integration test that used a unique prefix leaves the shared Redis as it found it. It
 * opens and closes its own connection. SCAN walks the keyspace in small pages and UNLINK frees values in
 * the background, so other users of the server are never blocked. Refuses an empty prefix (that would
 * be every key). Returns how many keys it deleted.
 */
export async function purgeKeyPrefix(options: {
  readonly url: string;
  readonly prefix: string;
}): Promise<number> {
  // The same rules as the store's own prefixes: no glob characters can reach the MATCH pattern.
  createKeys(options.prefix);
  const head = options.prefix.replace(/:+$/, '');
  if (head === '') throw new RangeError('refusing to purge an empty prefix: it would match every key');
  const redis = await connectRedis({ url: options.url });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${head}:*`, 'COUNT', BATCH);
      if (found.length > 0) deleted += await redis.unlink(...found);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
  return deleted;
}
