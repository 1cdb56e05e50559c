import { redisConnection, type Env } from '@trustwatch/config';
import type { Logger } from '@trustwatch/logging';
import { openRedisAlerting, type AlertingStore } from '@trustwatch/store';
import { loadStoreSettings } from '../config.js';
import { redisUnreachable, settingsOf } from '../infra/connect.js';

/** Opens the alerting store the alerter and the API share (same REDIS_URL and key prefix), runs `use`, closes it. */
export async function withAlertingStore<T>(
  env: Env,
  log: Logger,
  use: (store: AlertingStore) => Promise<T>,
): Promise<T> {
  const settings = settingsOf(loadStoreSettings, env, 'silence');
  let alerting: Awaited<ReturnType<typeof openRedisAlerting>>;
  try {
    alerting = await openRedisAlerting({
      ...redisConnection(settings),
      log: log.child({ module: 'alerting-store' }),
      checkDurability: false,
      connectTimeoutMs: 3_000,
    });
  } catch (error) {
    throw redisUnreachable(error);
  }
  try {
    return await use(alerting.store);
  } finally {
    await alerting.close();
  }
}
