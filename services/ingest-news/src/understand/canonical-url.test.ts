import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalUrl } from './canonical-url.js';

describe('canonicalUrl', () => {
  it.each([
    ['http://www.Example.COM/a/b/?utm_source=x&utm_medium=y#frag', 'https://example.com/a/b'],
    ['https://m.example.com/story?id=7&fbclid=abc&gclid=d', 'https://example.com/story?id=7'],
    ['https://example.com:443/story?b=2&a=1', 'https://example.com/story?a=1&b=2'],
    ['https://amp.example.com/news/story/amp', 'https://example.com/news/story'],
    ['https://example.com//news//story', 'https://example.com/news/story'],
    ['https://example.com', 'https://example.com/'],
  ])('canonicalises %s to %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('keeps query parameters that identify the article', () => {
    expect(canonicalUrl('https://example.com/view?article=42&page=2')).toBe(
      'https://example.com/view?article=42&page=2',
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const once = canonicalUrl(url);
        expect(canonicalUrl(once)).toBe(once);
      }),
    );
  });
});
