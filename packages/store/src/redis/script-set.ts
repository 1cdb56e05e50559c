import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import type { StoreLogger } from './connection.js';

/** One Lua file in lua/ and the ioredis command it becomes; the number in its name is its key count. */
export interface ScriptFile<Command extends string = string> {
  readonly command: Command;
  readonly file: string;
  /** Absent for a script taking a variable number of keys (`-n` in its name): the caller passes the count first. */
  readonly numberOfKeys?: number;
}

/** Registration and cache loading of one group of scripts. */
export interface ScriptSet {
  /**
   * Defines every command on a client and re-loads the scripts on every `ready`: the server's script
   * cache is empty after a restart or failover. Call once per client; sets of different groups combine.
   */
  register(redis: Redis, log?: StoreLogger): void;
  /** SCRIPT LOAD of every script in one pipeline; rejects with the first failed reply. */
  load(redis: Redis): Promise<void>;
}

// lua/ sits next to src/ and dist/, so the same relative path works from both.
const luaDir = new URL('../../lua/', import.meta.url);

/**
 * Reads each file once, when the calling module loads, so a missing script fails at import rather than
 * on the first call. `label` names the group in the warning logged when a reload fails.
 */
export function defineScriptSet(label: string, files: readonly ScriptFile[]): ScriptSet {
  const scripts = files.map((s) => ({ ...s, lua: readFileSync(new URL(s.file, luaDir), 'utf8') }));
  async function load(redis: Redis): Promise<void> {
    const pipeline = redis.pipeline();
    for (const s of scripts) pipeline.script('LOAD', s.lua);
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([err]) => err !== null);
    if (failed?.[0]) throw failed[0];
  }
  return {
    register(redis, log) {
      for (const s of scripts) {
        const { numberOfKeys, lua } = s;
        redis.defineCommand(s.command, numberOfKeys === undefined ? { lua } : { numberOfKeys, lua });
      }
      redis.on('ready', () => {
        load(redis).catch((err: unknown) => log?.warn({ err }, `${label} SCRIPT LOAD failed`));
      });
    },
    load,
  };
}
