import { describe, expect, it } from 'vitest';
import { memoryPendingAnswers } from './pending-answers.js';

describe('memory pending answers', () => {
  it('drops expired stories on the next put or read, so memory holds only the live ones', async () => {
    const clock = { t: 0 };
    const pending = memoryPendingAnswers(1_000, () => clock.t);
    for (let i = 0; i < 500; i += 1) {
      await pending.putPendingAnswer(`story-${String(i)}`, { answerId: 'denial', payload: String(i) });
    }
    clock.t = 600;
    await pending.putPendingAnswer('story-7', { answerId: 'audit', payload: 'renewed' });
    expect(pending.storedStories()).toBe(500);
    clock.t = 1_200;
    expect(await pending.pendingAnswers('story-3')).toEqual([]);
    expect(pending.storedStories()).toBe(1);
    expect((await pending.pendingAnswers('story-7')).map((a) => a.answerId)).toEqual(['audit', 'denial']);
    clock.t = 1_700;
    await pending.putPendingAnswer('story-new', { answerId: 'retraction', payload: 'x' });
    expect(pending.storedStories()).toBe(1);
  });

  it('starts an expired story afresh when it is answered again before anything pruned it', async () => {
    const clock = { t: 5_000 };
    const pending = memoryPendingAnswers(1_000, () => clock.t);
    await pending.putPendingAnswer('ahead', { answerId: 'a', payload: '1' });
    // The clock steps back: `behind` expires first but sits after a live story, where pruning stops.
    clock.t = 0;
    await pending.putPendingAnswer('behind', { answerId: 'b', payload: '2' });
    clock.t = 2_000;
    expect(await pending.pendingAnswers('behind')).toEqual([]);
    expect(pending.storedStories()).toBe(2);
    await pending.putPendingAnswer('behind', { answerId: 'c', payload: '3' });
    expect(await pending.pendingAnswers('behind')).toEqual([{ answerId: 'c', payload: '3' }]);
  });
});
