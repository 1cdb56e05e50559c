import { describe, expect, it } from 'vitest';
import { fixture } from '../test-support/deps.js';
import { parseFeed } from './feed.js';

describe('parseFeed', () => {
  it('reads RSS 2.0 items into news.published data with sanitised text and UTC instants', () => {
    const feed = parseFeed({ bytes: fixture('bizweek.rss.xml'), feedUrl: 'https://bizweek.example/rss' });
    expect(feed.format).toBe('rss');
    expect(feed.rejected).toEqual([]);
    expect(feed.articles).toHaveLength(2);
    const [story] = feed.articles;
    expect(story?.outlet).toBe('Business Weekly');
    expect(story?.url).toContain('/features/2018-10-04/the-big-hack');
    expect(story?.publishedAt).toBe('2018-10-04T09:00:00.000Z');
    expect(story?.language).toBe('en-US');
    expect(story?.body).toContain('Tiny chips were implanted on Super Micro motherboards');
    expect(story?.body).not.toContain('tracking pixel');
    expect(story?.body).not.toContain('<p>');
    expect(story?.feedUrl).toBe('https://bizweek.example/rss');
  });

  it('reads Atom entries, taking the alternate link and decoding escaped HTML content', () => {
    const feed = parseFeed({ bytes: fixture('wirewire.atom.xml') });
    expect(feed.format).toBe('atom');
    expect(feed.articles.map((article) => article.url)).toEqual([
      'https://wirewire.example/2018/10/04/big-hack-syndicated#top',
      'https://wirewire.example/2018/10/05/super-micro-denies',
    ]);
    expect(feed.articles[0]?.body).toContain('Distributed by Wire Wire.');
    expect(feed.articles[0]?.body).not.toContain('&lt;');
    expect(feed.articles[1]?.summary).toContain('Super Micro denied the report');
    expect(feed.articles[1]?.language).toBe('en');
  });

  it('tags a French item as French when the feed declares no language', () => {
    const feed = parseFeed({ bytes: fixture('techdaily.rss.xml') });
    expect(feed.articles.map((article) => article.language)).toEqual(['en', 'fr']);
  });

  it('decodes a windows-1252 feed by its XML declaration', () => {
    const feed = parseFeed({ bytes: fixture('windows-1252.rss.xml') });
    expect(feed.articles[0]?.title).toBe('Super Micro’s motherboards: tiny chips implanted, café owners say');
  });

  it('reports an item without a link in rejected and keeps the others', () => {
    const xml = `<rss version="2.0"><channel><title>T</title>
      <item><title>No link</title><pubDate>Thu, 04 Oct 2018 09:00:00 GMT</pubDate><description>x</description></item>
      <item><title>Fine</title><link>https://t.example/a</link><pubDate>Thu, 04 Oct 2018 09:00:00 GMT</pubDate><description>Fine text</description></item>
    </channel></rss>`;
    const feed = parseFeed({ bytes: new TextEncoder().encode(xml) });
    expect(feed.articles.map((article) => article.title)).toEqual(['Fine']);
    expect(feed.rejected).toHaveLength(1);
    expect(feed.rejected[0]?.index).toBe(0);
    expect(feed.rejected[0]?.reason).toMatch(/url/);
  });
});
