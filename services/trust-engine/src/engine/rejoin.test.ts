import { describe, expect, it } from 'vitest';
import { silentLog } from '../test-support/harness.js';
import { createRejoin } from './rejoin.js';

describe('rejoining the group after a store restart', () => {
  it('joins again until it succeeds when the brokers refuse the first joins', async () => {
    const steps: string[] = [];
    let refusals = 2;
    const rejoin = createRejoin({
      log: silentLog,
      retryMs: 1,
      leave: () => Promise.resolve(void steps.push('leave')),
      join: () => {
        steps.push('join');
        return refusals-- > 0 ? Promise.reject(new Error('broker unreachable')) : Promise.resolve();
      },
    });
    await rejoin.run();
    expect(steps).toEqual(['leave', 'join', 'join', 'join']);
    expect(rejoin.count()).toBe(1);
  });

  it('serves a restart seen during a rejoin with one more rejoin, and none once closed', async () => {
    const steps: string[] = [];
    const rejoin = createRejoin({
      log: silentLog,
      leave: () => Promise.resolve(void steps.push('leave')),
      join: () => Promise.resolve(void steps.push('join')),
    });
    await Promise.all([rejoin.run(), rejoin.run()]);
    rejoin.close();
    await rejoin.run();
    expect(steps).toEqual(['leave', 'join', 'leave', 'join']);
    expect(rejoin.count()).toBe(2);
  });
});
