import { StoreError } from '../errors.js';
import type { PendingAnswer, TrustStore } from '../port.js';

/** Both adapters refuse the same: an empty story id, answer id or payload. */
export function checkPendingAnswer(storyId: string, answer: PendingAnswer): void {
  if (storyId === '' || answer.answerId === '' || answer.payload === '') {
    throw new StoreError('INVALID_ARGUMENT', 'story id, answer id and payload must not be empty');
  }
}

/** The memory adapter's pending answers, as `memoryPendingAnswers` returns them. */
export interface MemoryPendingAnswers extends Pick<TrustStore, 'putPendingAnswer' | 'pendingAnswers'> {
  /** Stories held in memory, expired ones not yet dropped included (for tests of boundedness). */
  storedStories(): number;
}

/**
 * The memory adapter's pending answers, expiring like the Redis hash's TTL. Each put moves its story to
 * the end of the map, so the map runs in order of expiry (every put renews by the same TTL): expired
 * stories are dropped from its front on every put and read, and memory holds only the live ones.
 */
export function memoryPendingAnswers(ttlMs: number, now: () => number): MemoryPendingAnswers {
  const byStory = new Map<string, { expiry: number; answers: Map<string, string> }>();
  function prune(t: number): void {
    for (const [storyId, entry] of byStory) {
      // Oldest first: the first live story means every later one is live too (a clock that steps back
      // only delays a drop; reads check the expiry anyway).
      if (entry.expiry > t) return;
      byStory.delete(storyId);
    }
  }
  return {
    putPendingAnswer: (storyId, answer) =>
      new Promise((resolve) => {
        checkPendingAnswer(storyId, answer);
        const t = now();
        prune(t);
        const entry = byStory.get(storyId);
        const answers = entry !== undefined && entry.expiry > t ? entry.answers : new Map<string, string>();
        answers.set(answer.answerId, answer.payload);
        byStory.delete(storyId);
        byStory.set(storyId, { expiry: t + ttlMs, answers });
        resolve();
      }),
    pendingAnswers(storyId) {
      const t = now();
      prune(t);
      const entry = byStory.get(storyId);
      if (entry === undefined || entry.expiry <= t) return Promise.resolve([]);
      return Promise.resolve(
        [...entry.answers]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([answerId, payload]) => ({ answerId, payload })),
      );
    },
    storedStories: () => byStory.size,
  };
}
