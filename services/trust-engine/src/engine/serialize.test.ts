import { describe, expect, it } from 'vitest';
import { createSerializer } from './serialize.js';

describe('serializer', () => {
  it('runs tasks one at a time in submission order and keeps going after a failure', async () => {
    const serialize = createSerializer();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) =>
      serialize(async () => {
        log.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([task('a', 20), task('b', 1, true), task('c', 5)]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
