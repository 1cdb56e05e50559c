import { setTimeout as sleep } from 'node:timers/promises';
import { uniqueName } from '@trustwatch/testing';
import type { Redis } from 'ioredis';
import { changeAt, customerFactor } from '../contract/builders.js';
import type { CustomerEffects, TrustStore } from '../port.js';
import { connectRedis } from './connection.js';
import { createRedisTrustStore } from './redis-store.js';
import { loadScripts, registerScripts } from './scripts.js';

/** The one version these tests write at, so each event and its expected state are fixed. */
export const T0 = 1_790_000_000_000;

/**
 * A store with its scripts loaded on a server a fault test owns (a private one it freezes, crashes or
 * demotes), under a fresh prefix. The caller closes the client; the server goes with the test.
 */
export async function openStoreOn(
  url: string,
  name: string,
  commandTimeoutMs?: number,
): Promise<{ redis: Redis; store: TrustStore; prefix: string }> {
  const redis = await connectRedis(commandTimeoutMs === undefined ? { url } : { url, commandTimeoutMs });
  registerScripts(redis);
  await loadScripts(redis);
  const prefix = uniqueName(name);
  return { redis, store: createRedisTrustStore({ redis, prefix }), prefix };
}

/** One customer event with a single factor, scoring 80 -> 70 at T0. */
export function event(customerId: string, eventId: string): CustomerEffects {
  return {
    customerId,
    eventId,
    version: T0,
    factors: [customerFactor(customerId, eventId)],
    change: changeAt(customerId, T0, 80, 70),
  };
}

/** Polls a synchronous condition every 10 ms; fails after 10 s, naming what it waited for. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
