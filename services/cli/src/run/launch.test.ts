import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLog } from '../test-support/capture.js';
import { stopService, type RunningService } from './launch.js';

function service(closeables: RunningService['closeables'], deadlineMs = 1_000): RunningService {
  return { name: 'trust-engine', closeables, deadlineMs };
}

describe('stopping a service', () => {
  afterEach(() => vi.useRealTimers());

  it('drains consumers before closing the bus and the store, in the given order', async () => {
    const order: string[] = [];
    const stopped = await stopService(
      service([
        { stop: (deadline) => Promise.resolve(void order.push(`engine ${String(deadline)}`)) },
        { close: () => Promise.resolve(void order.push('bus')) },
        { close: () => Promise.resolve(void order.push('store')) },
      ]),
      silentLog,
    );
    expect(stopped).toBe(true);
    expect(order).toEqual(['engine 1000', 'bus', 'store']);
  });

  it('reports an unclean stop when a part fails, without closing the parts after it', async () => {
    const closed: string[] = [];
    const stopped = await stopService(
      service([
        { stop: () => Promise.reject(new Error('commit failed')) },
        { close: () => Promise.resolve(void closed.push('bus')) },
      ]),
      silentLog,
    );
    expect(stopped).toBe(false);
    expect(closed).toEqual([]);
  });

  it('gives up at the deadline when a part never finishes', async () => {
    vi.useFakeTimers();
    const result = stopService(
      service([{ stop: () => new Promise<void>(() => undefined) }], 5_000),
      silentLog,
    );
    await vi.advanceTimersByTimeAsync(4_999);
    let settled = false;
    void result.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toBe(false);
  });
});
