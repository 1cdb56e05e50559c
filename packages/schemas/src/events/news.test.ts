import { describe, expect, it } from 'vitest';
import { createEvent } from '../registry/registry.js';
import { bigHackArticle, bigHackStory } from './fixtures/examples.js';
import { newsClassifiedSchema } from './news-classified.js';
import { canonicalHost, newsPublishedSchema } from './news-published.js';

function issuePaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
}

describe('news.published', () => {
  it('accepts the Big Hack article and keys it by the outlet’s host', () => {
    const event = createEvent({
      type: 'com.trustwatch.news.published.v1',
      source: 'trustwatch://ingest-news/rss',
      id: 'bloomberg-big-hack',
      time: '2018-10-04T09:00:00Z',
      data: bigHackArticle(),
    });
    expect(event.partitionkey).toBe('bloomberg.com');
  });

  it('derives one host for www and bare, upper and lower case URLs', () => {
    expect(canonicalHost('https://WWW.Bloomberg.com/a')).toBe(canonicalHost('https://bloomberg.com/b'));
  });

  it('needs a body or a summary', () => {
    const { summary: _summary, ...bare } = bigHackArticle();
    expect(issuePaths(newsPublishedSchema.safeParse(bare))).toEqual(['body']);
    expect(newsPublishedSchema.safeParse({ ...bare, body: 'Full text.' }).success).toBe(true);
  });

  it.each([
    ['a javascript: link', { url: 'javascript:alert(1)' }, 'url'],
    ['a malformed language tag', { language: 'english' }, 'language'],
    ['a local time', { publishedAt: '2018-10-04 09:00' }, 'publishedAt'],
    ['an oversize title', { title: 'T'.repeat(501) }, 'title'],
    ['an unknown key', { author: 'Jordan Robertson' }, ''],
  ])('rejects %s', (_label, patch, path) => {
    expect(issuePaths(newsPublishedSchema.safeParse({ ...bigHackArticle(), ...patch }))).toEqual([path]);
  });
});

describe('news.classified', () => {
  it('accepts the classified Big Hack story and keys it by its subject vendor', () => {
    const event = createEvent({
      type: 'com.trustwatch.news.classified.v1',
      source: 'trustwatch://classify-news',
      id: 'story-big-hack',
      time: '2018-10-04T09:05:00Z',
      data: bigHackStory(),
    });
    expect(event.partitionkey).toBe('supermicro');
  });

  it('falls back to the story id when no entity is the subject', () => {
    const story = bigHackStory();
    story.entities = story.entities.map((entity) => ({ ...entity, role: 'mentioned' }));
    const event = createEvent({
      type: 'com.trustwatch.news.classified.v1',
      source: 'trustwatch://classify-news',
      id: 'story-big-hack',
      time: '2018-10-04T09:05:00Z',
      data: story,
    });
    expect(event.partitionkey).toBe('story-big-hack');
  });

  it('accepts a denial that answers the original story', () => {
    const story = bigHackStory();
    story.storyId = 'story-supermicro-denial';
    story.claims = [
      {
        entityId: 'supermicro',
        kind: 'denial',
        stance: 'denies',
        sentence: 'Supermicro has never found any malicious hardware components in our products.',
        answersStoryId: 'story-big-hack',
      },
    ];
    expect(newsClassifiedSchema.safeParse(story).success).toBe(true);
  });

  it('rejects a claim about an entity the story does not name', () => {
    const story = bigHackStory();
    story.claims.push({ entityId: 'apple', kind: 'denial', stance: 'denies', sentence: 'Apple denies it.' });
    expect(issuePaths(newsClassifiedSchema.safeParse(story))).toEqual(['claims.1.entityId']);
  });

  it.each([
    ['reliability G', { reliability: 'G', credibility: 3, independentOutlets: 1 }],
    ['credibility 7', { reliability: 'B', credibility: 7, independentOutlets: 1 }],
    ['a fractional outlet count', { reliability: 'B', credibility: 3, independentOutlets: 1.5 }],
  ])('rejects an admiralty grade with %s', (_label, credibility) => {
    expect(newsClassifiedSchema.safeParse({ ...bigHackStory(), credibility }).success).toBe(false);
  });
});
