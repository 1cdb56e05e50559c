import { expect, it } from 'vitest';
import type { StoreLimits, TrustStore } from '../port.js';

type Factory = (options: { now: () => number; limits: Partial<StoreLimits> }) => Promise<TrustStore>;
let counter = 0;
const unique = (label: string): string => `${label}-pa-${String(process.pid)}-${String(++counter)}`;
// The memory adapter reads the injected clock, Redis expires keys on its own wall clock: advancing both
// lets one case check the expiry on either adapter.
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Answers kept until their claim arrives, part of the trust store contract. */
export function pendingAnswersContract(factory: Factory): void {
  it('keeps answers to a story by answer id, a repeat replacing itself, apart from other stories', async () => {
    const store = await factory({ now: () => 0, limits: {} });
    const [story, other] = [unique('story'), unique('story')];
    await store.putPendingAnswer(story, { answerId: 'b-denial', payload: '{"v":1}' });
    await store.putPendingAnswer(story, { answerId: 'a-audit', payload: '{"v":2}' });
    await store.putPendingAnswer(story, { answerId: 'b-denial', payload: '{"v":1}' });
    expect(await store.pendingAnswers(story)).toEqual([
      { answerId: 'a-audit', payload: '{"v":2}' },
      { answerId: 'b-denial', payload: '{"v":1}' },
    ]);
    expect(await store.pendingAnswers(other)).toEqual([]);
  });

  it('refuses an empty story, answer id or payload', async () => {
    const store = await factory({ now: () => 0, limits: {} });
    await expect(store.putPendingAnswer('', { answerId: 'a', payload: 'x' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(store.putPendingAnswer(unique('s'), { answerId: 'a', payload: '' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('forgets the answers to a story once dedupeTtlMs passed without a new answer, each answer renewing it', async () => {
    // Wide enough that a busy machine does not expire the renewed story before it is read.
    const ttlMs = 1_000;
    const clock = { t: 0 };
    const store = await factory({ now: () => clock.t, limits: { dedupeTtlMs: ttlMs } });
    const elapse = async (ms: number): Promise<void> => {
      clock.t += ms;
      await sleep(ms);
    };
    const story = unique('story');
    await store.putPendingAnswer(story, { answerId: 'a-first', payload: '1' });
    await elapse(ttlMs / 2);
    await store.putPendingAnswer(story, { answerId: 'b-second', payload: '2' });
    await elapse(ttlMs / 2);
    expect((await store.pendingAnswers(story)).map((a) => a.answerId)).toEqual(['a-first', 'b-second']);
    await elapse(ttlMs / 2 + 100);
    expect(await store.pendingAnswers(story)).toEqual([]);
    await store.putPendingAnswer(story, { answerId: 'c-late', payload: '3' });
    expect(await store.pendingAnswers(story)).toEqual([{ answerId: 'c-late', payload: '3' }]);
  });
}
