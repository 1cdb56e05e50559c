import { expect, it } from 'vitest';
import type { StoreLimits, TrustStore } from '../port.js';

type Factory = (options: { now: () => number; limits: Partial<StoreLimits> }) => Promise<TrustStore>;
let counter = 0;
const unique = (label: string): string => `${label}-pa-${String(process.pid)}-${String(++counter)}`;

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
}
