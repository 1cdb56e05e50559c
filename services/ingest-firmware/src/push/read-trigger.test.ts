import { describe, expect, it } from 'vitest';
import { ReadTrigger } from './read-trigger.js';

describe('ReadTrigger', () => {
  it('coalesces events arriving during a read into one follow-up read', async () => {
    const reads: string[] = [];
    let release: () => void = () => undefined;
    const trigger = new ReadTrigger({
      minIntervalMs: 0,
      read: (bmcId) => {
        reads.push(bmcId);
        return reads.length === 1 ? new Promise<void>((done) => (release = done)) : Promise.resolve();
      },
    });
    trigger.trigger('bmc-1');
    for (let i = 0; i < 5; i += 1) trigger.trigger('bmc-1');
    trigger.trigger('bmc-2');
    release();
    await trigger.settled();
    expect(reads.sort()).toEqual(['bmc-1', 'bmc-1', 'bmc-2']);
  });

  it('spaces two reads of one BMC by the minimum interval', async () => {
    const starts: number[] = [];
    const trigger = new ReadTrigger({
      minIntervalMs: 80,
      read: () => {
        starts.push(Date.now());
        return Promise.resolve();
      },
    });
    trigger.trigger('bmc-1');
    await trigger.settled();
    trigger.trigger('bmc-1');
    await trigger.settled();
    expect(starts).toHaveLength(2);
    expect((starts[1] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(75);
  });

  it('keeps going after a read fails', async () => {
    let calls = 0;
    const trigger = new ReadTrigger({
      minIntervalMs: 0,
      read: () => {
        calls += 1;
        return Promise.reject(new Error('BMC down'));
      },
    });
    trigger.trigger('bmc-1');
    await trigger.settled();
    trigger.trigger('bmc-1');
    await trigger.settled();
    expect(calls).toBe(2);
  });

  it('drops a read still waiting out its interval when stopped, and takes no new triggers', async () => {
    let calls = 0;
    const trigger = new ReadTrigger({
      minIntervalMs: 60_000,
      read: () => {
        calls += 1;
        return Promise.resolve();
      },
    });
    trigger.trigger('bmc-1');
    await trigger.settled();
    trigger.trigger('bmc-1');
    const started = Date.now();
    await trigger.stop();
    trigger.trigger('bmc-2');
    await trigger.settled();
    expect(calls).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
