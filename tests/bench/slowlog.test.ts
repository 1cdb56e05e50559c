import { describe, expect, it } from 'vitest';
import type { RedisClient } from '../../bench/src/redis-link.js';
import { openSlowlog } from '../../bench/src/slowlog.js';
import { forkNote } from '../../bench/src/targets.js';

/** The commands the window sends, answered as a server that forked `forks` times so far would. */
function server(forks: () => number): RedisClient {
  const answers = {
    config: (op: string, name: string) => Promise.resolve(op === 'GET' ? [name, '10000'] : 'OK'),
    slowlog: (op: string) =>
      Promise.resolve(
        op === 'GET' ? [[1, 1_700_000_000, 8_200, ['evalsha', 'abc', '1', 'run-x:key']]] : 'OK',
      ),
    info: () =>
      Promise.resolve(
        `# Stats\r\ntotal_connections_received:9\r\ntotal_forks:${String(forks())}\r\nlatest_fork_usec:8278\r\n`,
      ),
  };
  return answers as unknown as RedisClient;
}

describe('the SLOWLOG window', () => {
  it("counts the server's forks within the window and says how long the last one blocked it", async () => {
    let forks = 4;
    const window = await openSlowlog(
      server(() => forks),
      5_000,
      'run-x',
    );
    await window.reset();
    forks = 6;
    const report = await window.read();
    expect(report).toMatchObject({ entries: 1, ours: 1, forks: 2, latestForkMicros: 8278 });
    expect(forkNote(report)).toBe(
      'the server forked 2 time(s) meanwhile (persistence; its last fork blocked it 8.3 ms)',
    );
  });
});
