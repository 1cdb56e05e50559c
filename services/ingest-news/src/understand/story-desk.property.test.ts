import type { NewsPublished } from '@trustwatch/schemas';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outlets } from '../test-support/deps.js';
import { canonicalUrl } from './canonical-url.js';
import { StoryDesk } from './story-desk.js';

const WORDS = [
  'server',
  'chip',
  'board',
  'audit',
  'supplier',
  'firmware',
  'report',
  'factory',
  'denied',
  'moved',
  'china',
  'taiwan',
];

const articleArb: fc.Arbitrary<NewsPublished> = fc
  .record({
    host: fc.constantFrom('a.example', 'b.example', 'c.example'),
    path: fc.integer({ min: 0, max: 5 }),
    words: fc.array(fc.constantFrom(...WORDS), { minLength: 5, maxLength: 40 }),
  })
  .map(({ host, path, words }) => ({
    url: `https://${host}/story/${path}`,
    outlet: host,
    title: words.slice(0, 4).join(' '),
    body: words.join(' '),
    publishedAt: '2018-10-04T09:00:00.000Z',
    language: 'en',
  }));

describe('StoryDesk properties', () => {
  it('puts every canonical URL in exactly one story, and a re-added article changes nothing', () => {
    fc.assert(
      fc.property(fc.array(articleArb, { maxLength: 25 }), (articles) => {
        const desk = new StoryDesk(outlets());
        for (const article of articles) desk.add(article);
        const before = desk.stories().map((story) => story.copies.length);
        for (const article of articles) expect(desk.add(article).outcome).toBe('same-url');
        expect(desk.stories().map((story) => story.copies.length)).toEqual(before);

        const urls = desk.stories().flatMap((story) => story.copies.map((copy) => copy.canonicalUrl));
        expect(new Set(urls).size).toBe(urls.length);
        expect(new Set(urls)).toEqual(new Set(articles.map((article) => canonicalUrl(article.url))));
      }),
      { numRuns: 50 },
    );
  });
});
