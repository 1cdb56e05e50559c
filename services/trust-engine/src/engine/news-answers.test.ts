import { createEvent, type NewsClassified } from '@trustwatch/schemas';
import type { Policy } from '@trustwatch/scoring';
import { createMemoryTrustStore } from '@trustwatch/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy.js';
import { directEngine, seedPortfolio } from '../test-support/direct.js';
import { bigHack } from '../test-support/events.js';

/** Apple's own statement: Apple is the subject, Super Micro only mentioned, and it answers the Big Hack. */
function appleStatement(answers: string, publishedAt = '2018-10-04T20:00:00Z') {
  const url = 'https://www.apple.com/newsroom/2018/10/what-businessweek-got-wrong-about-apple/';
  const data: NewsClassified = {
    storyId: `story-apple-${answers}`,
    canonicalUrl: url,
    urls: [url],
    outlets: [{ name: 'Apple', url: 'https://www.apple.com/newsroom/', reliability: 'C' }],
    title: 'What Businessweek got wrong about Apple',
    publishedAt,
    language: 'en',
    entities: [
      { entityId: 'apple', name: 'Apple', kind: 'vendor', role: 'subject' },
      { entityId: 'supermicro', name: 'Super Micro Computer', kind: 'vendor', role: 'mentioned' },
    ],
    claims: [
      {
        entityId: 'apple',
        kind: 'denial',
        stance: 'asserts',
        sentence: 'Apple has never found malicious chips, hardware manipulations or vulnerabilities.',
        answersStoryId: answers,
      },
    ],
    credibility: { reliability: 'C', credibility: 3, independentOutlets: 1 },
  };
  return createEvent({
    type: 'com.trustwatch.news.classified.v1',
    source: 'trustwatch://test',
    id: data.storyId,
    time: data.publishedAt,
    data,
  });
}

describe('answers to news claims', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy();
  });

  it('finds the answered claim under the accused vendor when the answer names the answering party', async () => {
    const engine = await directEngine(policy);
    await seedPortfolio(engine.store);
    await engine.feed(bigHack());
    const before = await engine.store.getSummary('acme');
    await engine.feed(appleStatement('story-big-hack'));
    const [claim] = await engine.store.getFactors('acme');
    expect(claim?.reassessments.map((r) => [r.kind, r.by])).toEqual([['denial', 'Apple']]);
    expect((await engine.store.getSummary('acme'))?.overall.score).toBeGreaterThan(
      before?.overall.score ?? 100,
    );
  });

  it('touches no one when the answered story is unknown', async () => {
    const engine = await directEngine(policy);
    await seedPortfolio(engine.store);
    await engine.feed(bigHack());
    const before = await engine.store.getSummary('acme');
    await engine.feed(appleStatement('story-nobody-wrote'));
    expect(await engine.store.getSummary('acme')).toEqual(before);
    expect((await engine.store.getFactors('acme'))[0]?.reassessments).toEqual([]);
  });

  it('keeps the answers stored with a redelivered claim once the answers kept for it expired', async () => {
    let now = 0;
    const store = createMemoryTrustStore({ now: () => now, limits: { dedupeTtlMs: 60_000 } });
    const engine = await directEngine(policy, store);
    await seedPortfolio(store);
    await engine.feed(bigHack());
    // Answered the moment the story went up: the answered claim is stored at the claim's own time.
    await engine.feed(appleStatement('story-big-hack', bigHack().data.publishedAt));
    now += 120_000;
    await engine.feed(bigHack());
    const [claim] = await store.getFactors('acme');
    expect(claim?.reassessments.map((r) => [r.kind, r.by])).toEqual([['denial', 'Apple']]);
  });

  it('keeps an answer in the store even when it found its claim, for an instance planning the claim meanwhile', async () => {
    const engine = await directEngine(policy);
    await seedPortfolio(engine.store);
    await engine.feed(bigHack());
    await engine.feed(appleStatement('story-big-hack'));
    expect((await engine.store.pendingAnswers('story-big-hack')).length).toBe(1);
  });
});
