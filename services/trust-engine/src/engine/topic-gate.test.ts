import { describe, expect, it } from 'vitest';
import { createTopicGate } from './topic-gate.js';

/** A task that records its start and ends when `finish` is called. */
function task(log: string[], name: string) {
  let finish = (): void => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    run: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
    },
    finish: () => finish(),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('topic gate', () => {
  it('runs runs of one topic side by side and a run of another topic only once they are done', async () => {
    const gate = createTopicGate({ sideBySide: true });
    const log: string[] = [];
    const [a1, a2, b1] = [task(log, 'a1'), task(log, 'a2'), task(log, 'b1')];
    const runs = [gate.run('a', a1.run), gate.run('a', a2.run), gate.run('b', b1.run)];
    await settle();
    expect(log).toEqual(['start a1', 'start a2']);
    a1.finish();
    await settle();
    expect(log).toEqual(['start a1', 'start a2', 'end a1']);
    a2.finish();
    await settle();
    expect(log.at(-1)).toBe('start b1');
    b1.finish();
    await Promise.all(runs);
  });

  it('lets no later run of the current topic overtake a waiting run of another topic', async () => {
    const gate = createTopicGate({ sideBySide: true });
    const log: string[] = [];
    const [a1, b1, a2] = [task(log, 'a1'), task(log, 'b1'), task(log, 'a2')];
    const runs = [gate.run('a', a1.run), gate.run('b', b1.run), gate.run('a', a2.run)];
    await settle();
    expect(log).toEqual(['start a1']);
    a1.finish();
    await settle();
    expect(log).toEqual(['start a1', 'end a1', 'start b1']);
    b1.finish();
    a2.finish();
    await Promise.all(runs);
    expect(log.slice(-2)).toEqual(['start a2', 'end a2']);
  });

  it('moves on after a run that fails', async () => {
    const gate = createTopicGate({ sideBySide: true });
    await expect(gate.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run('b', () => Promise.resolve(1))).resolves.toBe(1);
  });

  it('runs one run at a time, in arrival order, when runs may not share it', async () => {
    const gate = createTopicGate({ sideBySide: false });
    const log: string[] = [];
    const [a1, a2] = [task(log, 'a1'), task(log, 'a2')];
    const runs = [gate.run('a', a1.run), gate.run('a', a2.run)];
    await settle();
    expect(log).toEqual(['start a1']);
    a1.finish();
    await settle();
    expect(log).toEqual(['start a1', 'end a1', 'start a2']);
    a2.finish();
    await Promise.all(runs);
  });
});
