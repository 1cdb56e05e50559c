import type { NewsPublished } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../parse/feed.js';
import { classifierDeps, fixture, outlets } from '../test-support/deps.js';
import { classifyStory } from './classify-story.js';
import { StoryDesk } from './story-desk.js';

function fixtureArticles(): NewsPublished[] {
  return ['bizweek.rss.xml', 'wirewire.atom.xml', 'techdaily.rss.xml']
    .flatMap((name) => parseFeed({ bytes: fixture(name) }).articles)
    .sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt));
}

const bigHack = (): NewsPublished => {
  const article = fixtureArticles()[0];
  if (article === undefined) throw new Error('fixture has articles');
  return article;
};

describe('syndication collapse', () => {
  it('collapses a syndicated copy with another byline and footer into one story that keeps both outlets', () => {
    const desk = new StoryDesk(outlets());
    const outcomes = fixtureArticles().map((article) => desk.add(article).outcome);
    expect(outcomes).toEqual(['new', 'syndicated', 'new', 'new', 'new', 'new']);
    const story = desk.stories()[0];
    expect(story?.copies.map((copy) => copy.rating.name)).toEqual([
      'Business Weekly (fixture)',
      'Wire Wire (fixture)',
    ]);

    const classified = classifyStory(story!, classifierDeps());
    expect(classified.urls).toHaveLength(2);
    expect(classified.outlets.map((outlet) => outlet.name)).toEqual([
      'Business Weekly (fixture)',
      'Wire Wire (fixture)',
    ]);
    // Twenty reprints are one source: the origin's reliability, one independent outlet.
    expect(classified.credibility).toEqual({ reliability: 'B', credibility: 3, independentOutlets: 1 });
  });

  it('collapses twenty reprints from twenty outlets into one story with twenty outlets', () => {
    const desk = new StoryDesk(outlets());
    const original = bigHack();
    desk.add(original);
    for (let i = 0; i < 20; i += 1) {
      const outcome = desk.add({
        ...original,
        url: `https://reprint${i}.example/tech/big-hack`,
        outlet: `Reprint ${i}`,
        body: `${original.body ?? ''}\nThis story was first published by Business Weekly. Reprinted by Reprint ${i}.`,
      });
      expect(outcome.outcome).toBe('syndicated');
    }
    const [story] = desk.stories();
    expect(story?.copies).toHaveLength(21);
    const classified = classifyStory(story!, classifierDeps());
    expect(classified.outlets).toHaveLength(21);
    expect(classified.credibility.independentOutlets).toBe(1);
  });

  it('treats the same URL with tracking parameters, another host case and a fragment as one article', () => {
    const desk = new StoryDesk(outlets());
    const original = bigHack();
    desk.add(original);
    const again = desk.add({
      ...original,
      url: 'https://BizWeek.example/features/2018-10-04/the-big-hack/?fbclid=abc#comments',
    });
    expect(again.outcome).toBe('same-url');
    expect(desk.stories()[0]?.copies).toHaveLength(1);
  });

  it('keeps two outlets’ own stories on the same event apart, and counts them as independent corroboration', () => {
    const desk = new StoryDesk(outlets());
    const deps = classifierDeps();
    const first = desk.add(bigHack());
    classifyStory(first.story, deps);
    const own = desk.add({
      url: 'https://techdaily.example/2018/10/06/spy-chips-own-reporting',
      outlet: 'Tech Daily',
      title: 'Our sources confirm hardware implants on Super Micro servers',
      body: 'Two former officials told Tech Daily that implants were found on Super Micro servers used by a cloud provider. The devices were discovered in 2015 during a routine validation.',
      publishedAt: '2018-10-06T08:00:00.000Z',
      language: 'en',
    });
    expect(own.outcome).toBe('new');
    const graded = classifyStory(own.story, deps);
    expect(graded.credibility).toEqual({ reliability: 'C', credibility: 2, independentOutlets: 2 });
  });
});
