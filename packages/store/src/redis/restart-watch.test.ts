import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { watchRestarts } from './restart-watch.js';

/**
 * The two things the watch reads from a client: its events and `INFO server`. A unit-level stand-in,
 * so the order of two restarts can be set exactly; the real server is in restart-watch.int.test.ts.
 */
class ClientEvents extends EventEmitter {
  status = 'ready';
  runId = 'a1';
  info(): Promise<string> {
    return Promise.resolve(`# Server\r\nrun_id:${this.runId}\r\n`);
  }
  restartAs(runId: string): void {
    this.status = 'reconnecting';
    this.emit('close');
    this.runId = runId;
    this.status = 'ready';
    this.emit('ready');
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A watch on a stand-in client whose one restart listener stays pending until the test calls the
 * matching `finish` entry (one per restart that reached the listener).
 */
async function watchWithHeldListener() {
  const client = new ClientEvents();
  const watch = await watchRestarts(client as unknown as Redis);
  const finish: (() => void)[] = [];
  watch.onRestart(() => new Promise<void>((resolve) => finish.push(resolve)));
  return { client, watch, finish };
}

describe('the restart watch', () => {
  it('keeps writes held until the listeners of the second of two quick restarts finished', async () => {
    const { client, watch, finish } = await watchWithHeldListener();

    client.restartAs('b2');
    await settle();
    client.restartAs('c3');
    await settle();
    expect(finish).toHaveLength(1);

    finish[0]?.();
    await settle();
    // The first restart's rewind is done, the second's runs now: data it lost may still be owed.
    expect(finish).toHaveLength(2);
    expect(watch.verified()).toBe(false);
    finish[1]?.();
    await settle();
    expect(watch.verified()).toBe(true);
    expect(watch.restarts()).toBe(2);
    watch.stop();
  });

  it('keeps writes held through a reconnect to the same server while a restart listener still runs', async () => {
    const { client, watch, finish } = await watchWithHeldListener();
    client.restartAs('b2');
    await settle();
    client.restartAs('b2');
    await settle();
    expect(watch.verified()).toBe(false);
    finish[0]?.();
    await settle();
    expect([watch.verified(), finish.length]).toEqual([true, 1]);
    watch.stop();
  });

  it('lets writes through after a reconnect to the same server without running a listener', async () => {
    const client = new ClientEvents();
    const watch = await watchRestarts(client as unknown as Redis);
    let calls = 0;
    watch.onRestart(() => {
      calls += 1;
      return Promise.resolve();
    });
    client.restartAs('a1');
    expect(watch.verified()).toBe(false);
    await settle();
    expect([watch.verified(), calls]).toEqual([true, 0]);
    watch.stop();
  });
});
