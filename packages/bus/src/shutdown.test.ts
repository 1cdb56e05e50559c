import { describe, expect, it } from 'vitest';
import { testLogger } from './contract/fixtures.js';
import { installShutdown } from './shutdown.js';

describe('installShutdown', () => {
  it('drains consumers before closing the rest, then exits 0', async () => {
    const order: string[] = [];
    const exits: number[] = [];
    const shutdown = installShutdown({
      signals: [],
      deadlineMs: 1_000,
      log: testLogger,
      exit: (code) => exits.push(code),
      closeables: [
        { stop: (deadline) => Promise.resolve(void order.push(`consumer within ${deadline}`)) },
        { close: () => Promise.resolve(void order.push('bus')) },
      ],
    });
    await shutdown();
    expect(order).toEqual(['consumer within 1000', 'bus']);
    expect(exits).toEqual([0]);
  });

  it('exits 1 when a closeable fails', async () => {
    const exits: number[] = [];
    const shutdown = installShutdown({
      signals: [],
      deadlineMs: 1_000,
      log: testLogger,
      exit: (code) => exits.push(code),
      closeables: [{ close: () => Promise.reject(new Error('stuck')) }],
    });
    await shutdown();
    expect(exits).toEqual([1]);
  });

  it('exits 1 at the deadline while a drain is still running', async () => {
    const exits: number[] = [];
    const shutdown = installShutdown({
      signals: [],
      deadlineMs: 30,
      log: testLogger,
      exit: (code) => exits.push(code),
      closeables: [{ close: () => new Promise((resolve) => setTimeout(resolve, 200)) }],
    });
    const running = shutdown();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(exits).toEqual([1]);
    await running;
  });

  it('starts the shutdown when one of its signals arrives', async () => {
    const exits: number[] = [];
    installShutdown({
      signals: ['SIGUSR2'],
      deadlineMs: 1_000,
      log: testLogger,
      exit: (code) => exits.push(code),
      closeables: [],
    });
    process.emit('SIGUSR2', 'SIGUSR2');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(exits).toEqual([0]);
  });
});
