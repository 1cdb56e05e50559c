import { StoreError } from '../errors.js';
import type { PendingAnswer, TrustStore } from '../port.js';

/** Both adapters refuse the same: an empty story id, answer id or payload. */
export function checkPendingAnswer(storyId: string, answer: PendingAnswer): void {
  if (storyId === '' || answer.answerId === '' || answer.payload === '') {
    throw new StoreError('INVALID_ARGUMENT', 'story id, answer id and payload must not be empty');
  }
}

/** The memory adapter's pending answers, expiring like the Redis hash's TTL. */
export function memoryPendingAnswers(
  ttlMs: number,
  now: () => number,
): Pick<TrustStore, 'putPendingAnswer' | 'pendingAnswers'> {
  const byStory = new Map<string, { expiry: number; answers: Map<string, string> }>();
  return {
    putPendingAnswer: (storyId, answer) =>
      new Promise((resolve) => {
        checkPendingAnswer(storyId, answer);
        const entry = byStory.get(storyId);
        const answers =
          entry !== undefined && entry.expiry > now() ? entry.answers : new Map<string, string>();
        answers.set(answer.answerId, answer.payload);
        byStory.set(storyId, { expiry: now() + ttlMs, answers });
        resolve();
      }),
    pendingAnswers(storyId) {
      const entry = byStory.get(storyId);
      if (entry === undefined || entry.expiry <= now()) return Promise.resolve([]);
      return Promise.resolve(
        [...entry.answers]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([answerId, payload]) => ({ answerId, payload })),
      );
    },
  };
}
