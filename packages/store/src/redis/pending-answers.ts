import type { Redis } from 'ioredis';
import { unavailable } from '../errors.js';
import type { StoreKeys } from '../keys.js';
import type { TrustStore } from '../port.js';
import { checkPendingAnswer } from '../memory/pending-answers.js';
import type { Coalescer } from './coalescer.js';

/** The Redis adapter's pending answers: one hash per story, its TTL renewed by every answer; reads coalesced. */
export function redisPendingAnswers(
  redis: Redis,
  batch: Coalescer,
  keys: StoreKeys,
  ttlMs: number,
): Pick<TrustStore, 'putPendingAnswer' | 'pendingAnswers'> {
  return {
    async putPendingAnswer(storyId, answer) {
      checkPendingAnswer(storyId, answer);
      const key = keys.pendingAnswers(storyId);
      try {
        const results =
          (await redis.pipeline().hset(key, answer.answerId, answer.payload).pexpire(key, ttlMs).exec()) ??
          [];
        const failed = results.find(([err]) => err !== null);
        if (failed?.[0]) throw failed[0];
      } catch (cause) {
        throw unavailable('putPendingAnswer', cause);
      }
    },
    async pendingAnswers(storyId) {
      let stored: Record<string, string>;
      try {
        const [reply] = await batch.send('pendingAnswers', (p) => p.hgetall(keys.pendingAnswers(storyId)));
        stored = typeof reply === 'object' && reply !== null ? (reply as Record<string, string>) : {};
      } catch (cause) {
        throw unavailable('pendingAnswers', cause);
      }
      return Object.entries(stored)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([answerId, payload]) => ({ answerId, payload }));
    },
  };
}
