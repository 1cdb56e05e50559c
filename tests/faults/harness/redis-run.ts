import { integrationTargets } from '@trustwatch/testing';
import { afterAll } from 'vitest';
import type { EventSet } from './event-set.js';
import { KafkaRun } from './kafka-run.js';
import { PrivateRedis } from './private-redis.js';
import { silentLog } from './silent-log.js';

/** Adds one step to the file's teardown. */
export type Defer = (cleanup: () => Promise<void>) => void;

/**
 * Registers the file's afterAll and returns how to add to it. Steps run in reverse order of adding, so a
 * run is disposed before the server under it stops; a failing step does not keep the others from running.
 */
export function teardownAfterAll(): Defer {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });
  return (cleanup) => {
    cleanups.push(cleanup);
  };
}

/**
 * A private Redis the test may crash or freeze, and a run of the event set on the shared broker writing
 * to it; both are handed to `defer`, so the file's teardown removes them whatever the test did.
 */
export async function runOnPrivateRedis(
  set: EventSet,
  label: string,
  defer: Defer,
): Promise<{ redis: PrivateRedis; run: KafkaRun }> {
  const redis = await PrivateRedis.start();
  defer(() => redis.stop());
  const run = await KafkaRun.open(
    set,
    { kafkaBrokers: integrationTargets().kafkaBrokers, redisUrl: redis.url },
    silentLog,
    label,
  );
  defer(() => run.dispose());
  return { redis, run };
}
