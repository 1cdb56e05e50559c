import { readFileSync } from 'node:fs';
import type { RedisClient } from './redis-link.js';

const lua = (name: string) => readFileSync(new URL(`../lua/${name}.lua`, import.meta.url), 'utf8');

/** SHA1s of the bench's reference scripts, loaded once per run into the server's script cache. */
export interface BenchScripts {
  readonly touchState: string;
  readonly fanTouch: string;
}

export async function loadBenchScripts(redis: RedisClient): Promise<BenchScripts> {
  const touchState = (await redis.script('LOAD', lua('touchState-2'))) as string;
  const fanTouch = (await redis.script('LOAD', lua('fanTouch-n'))) as string;
  return { touchState, fanTouch };
}
