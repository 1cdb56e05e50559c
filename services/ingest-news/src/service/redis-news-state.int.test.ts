import type { NewsPublished } from '@trustwatch/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newsStateContract } from '../test-support/news-state-contract.js';
import { keysUnder, redisNewsFixture, type RedisClient } from '../test-support/redis-news.js';

const fixture = redisNewsFixture();
let redis: RedisClient;
beforeAll(async () => {
  redis = await fixture.client();
});
afterAll(() => fixture.cleanup());

newsStateContract('the Redis adapter', () => Promise.resolve(fixture.state(redis, fixture.prefix())));

const BODY =
  'Tiny chips were implanted on Super Micro motherboards during manufacturing in China, according to people familiar with the investigation. About 30 companies were affected.';
const article = (url: string, outlet: string, body = BODY): NewsPublished => ({
  url,
  outlet,
  title: 'Tiny chips implanted on Super Micro motherboards',
  body,
  publishedAt: '2018-10-04T09:00:00Z',
  language: 'en',
});
const claims = [{ entityId: 'vendor:supermicro', kind: 'backdoor_allegation', stance: 'asserts' }] as const;

/** Every key under a prefix with its type, TTL and content, to compare the state before and after. */
async function snapshot(prefix: string): Promise<Record<string, unknown>> {
  const dump: Record<string, unknown> = {};
  for (const key of await keysUnder(redis, prefix)) {
    const type = await redis.type(key);
    const value =
      type === 'hash'
        ? await redis.hgetall(key)
        : type === 'set'
          ? (await redis.smembers(key)).sort()
          : await redis.get(key);
    dump[key] = { type, value };
  }
  return dump;
}

describe('the Redis news state', () => {
  it('changes nothing when a syndicated copy is sent again', async () => {
    const prefix = fixture.prefix();
    const state = fixture.state(redis, prefix);
    await state.addArticle(article('https://bizweek.example/a', 'Bizweek'));
    await state.addArticle(article('https://wirewire.example/b', 'Wire', `${BODY} Distributed by Wire.`));
    const before = await snapshot(prefix);
    const again = await state.addArticle(
      article('https://wirewire.example/b?utm_medium=feed', 'Wire', `${BODY} Distributed by Wire.`),
    );
    expect(again.outcome).toBe('same-url');
    expect(again.story.copies).toHaveLength(2);
    expect(await snapshot(prefix)).toEqual(before);
  });

  it('changes nothing when a story record is sent again, so a story is counted once', async () => {
    const prefix = fixture.prefix();
    const state = fixture.state(redis, prefix);
    const record = { storyId: 's1', group: 'bizweek', claims, subjects: [], copies: 1 };
    await state.recordStory(record);
    const before = await snapshot(prefix);
    await state.recordStory(record);
    expect(await snapshot(prefix)).toEqual(before);
    const slice = await state.ledgerSlice(['vendor:supermicro']);
    expect(slice.asserted[0]?.[1].map((entry) => entry.storyId)).toEqual(['s1']);
  });

  it('orders assertions of different stories by recording and keeps denials and answers', async () => {
    const state = fixture.state(redis, fixture.prefix());
    await state.recordStory({ storyId: 's2', group: 'bizweek', claims, subjects: [], copies: 1 });
    await state.recordStory({ storyId: 's1', group: 'wire', claims, subjects: [], copies: 1 });
    await state.recordStory({
      storyId: 's3',
      group: 'apple',
      claims: [
        { entityId: 'vendor:apple', kind: 'denial', stance: 'asserts' },
        { entityId: 'vendor:supermicro', kind: 'compromise', stance: 'denies' },
        { entityId: 'vendor:supermicro', kind: 'retraction', stance: 'asserts' },
      ],
      subjects: [],
      copies: 1,
    });
    const slice = await state.ledgerSlice(['vendor:supermicro', 'vendor:apple']);
    const [[, list] = ['', []]] = slice.asserted;
    expect(list.map((entry) => [entry.storyId, entry.group])).toEqual([
      ['s2', 'bizweek'],
      ['s1', 'wire'],
    ]);
    expect([...slice.denied].sort()).toEqual(['vendor:apple', 'vendor:supermicro|compromise']);
    expect(slice.answered).toEqual(['vendor:supermicro']);
  });

  it('forgets a story, its URL and its bands after the configured retention', async () => {
    const prefix = fixture.prefix();
    const state = fixture.state(redis, prefix, 120);
    await state.addArticle(article('https://bizweek.example/a', 'Bizweek'));
    await state.recordStory({ storyId: 's1', group: 'bizweek', claims, subjects: [], copies: 1 });
    const keys = await keysUnder(redis, prefix);
    const ttls = new Map<string, number>();
    for (const key of keys) ttls.set(key.slice(prefix.length), await redis.ttl(key));
    const story = [...ttls].filter(([key]) => /:(url|story|band|record):/.test(key));
    expect(story.length).toBeGreaterThan(16);
    for (const [, ttl] of story) expect(ttl).toBeGreaterThan(100);
    for (const [, ttl] of story) expect(ttl).toBeLessThanOrEqual(120);
    // The ledger outlives stories: corroboration counts for longer than a story is deduplicated.
    const ledger = [...ttls].filter(([key]) => key.includes(':ledger:'));
    expect(ledger.map(([, ttl]) => ttl > 120)).toEqual([true]);
  });

  it('keeps every key of one state behind one hash tag, so its scripts stay in one Cluster slot', async () => {
    const prefix = fixture.prefix();
    const state = fixture.state(redis, prefix);
    await state.addArticle(article('https://bizweek.example/a', 'Bizweek'));
    await state.recordStory({ storyId: 's1', group: 'bizweek', claims, subjects: [], copies: 1 });
    const keys = await keysUnder(redis, prefix);
    expect(new Set(keys.map((key) => /\{([^}]*)\}/.exec(key)?.[1]))).toEqual(new Set(['news']));
  });

  it('starts one story when many clients add the same article at once', async () => {
    const prefix = fixture.prefix();
    const clients = await Promise.all([fixture.client(), fixture.client(), fixture.client()]);
    const outcomes = await Promise.all(
      clients.flatMap((client) =>
        [1, 2, 3].map(() =>
          fixture.state(client, prefix).addArticle(article('https://bizweek.example/a', 'Bizweek')),
        ),
      ),
    );
    expect(outcomes.filter((o) => o.outcome === 'new')).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.story.storyId)).size).toBe(1);
  });
});
