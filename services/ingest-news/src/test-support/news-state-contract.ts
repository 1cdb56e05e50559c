// The behaviour every NewsState adapter must show; the memory adapter runs it now, a shared one later.
import type { NewsPublished } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import type { NewsState } from '../service/news-state.js';

const article = (url: string, outlet: string, body: string): NewsPublished => ({
  url,
  outlet,
  title: 'Tiny chips implanted on Super Micro motherboards',
  body,
  publishedAt: '2018-10-04T09:00:00Z',
  language: 'en',
});
const BODY =
  'Tiny chips were implanted on Super Micro motherboards during manufacturing in China, according to people familiar with the investigation. About 30 companies were affected.';

/** Runs the NewsState contract against fresh states from `open`. */
export function newsStateContract(name: string, open: () => Promise<NewsState>): void {
  describe(`${name} as a NewsState`, () => {
    it('starts a story, collapses a syndicated copy into it, and recognises a URL seen before', async () => {
      const state = await open();
      const first = await state.addArticle(
        article('https://bizweek.example/a?utm_source=rss', 'Bizweek', BODY),
      );
      const copy = await state.addArticle(
        article('https://wirewire.example/b', 'Wire', `${BODY} Distributed by Wire.`),
      );
      const again = await state.addArticle(article('https://bizweek.example/a', 'Bizweek', BODY));
      expect([first.outcome, copy.outcome, again.outcome]).toEqual(['new', 'syndicated', 'same-url']);
      expect(copy.story.storyId).toBe(first.story.storyId);
      expect(again.story.copies.map((c) => c.url)).toEqual([
        'https://bizweek.example/a?utm_source=rss',
        'https://wirewire.example/b',
      ]);
    });

    it('hands out snapshots that later additions do not change', async () => {
      const state = await open();
      const first = await state.addArticle(article('https://bizweek.example/a', 'Bizweek', BODY));
      await state.addArticle(article('https://wirewire.example/b', 'Wire', `${BODY} Distributed by Wire.`));
      expect(first.story.copies).toHaveLength(1);
    });

    it('keeps the latest record of a story and slices the ledger by entity', async () => {
      const state = await open();
      const claims = [
        { entityId: 'vendor:supermicro', kind: 'backdoor_allegation', stance: 'asserts' },
      ] as const;
      const subjects = [
        { entityId: 'vendor:supermicro', name: 'Super Micro', kind: 'vendor', role: 'subject' },
      ] as const;
      await state.recordStory({ storyId: 's1', group: 'bizweek', claims, subjects, copies: 2 });
      await state.recordStory({ storyId: 's1', group: 'bizweek', claims, subjects, copies: 1 });
      expect((await state.storyRecord('s1'))?.copies).toBe(2);
      expect(await state.storyRecord('s2')).toBeUndefined();
      const slice = await state.ledgerSlice(['vendor:supermicro']);
      expect(slice.asserted.map(([key, list]) => [key, list.map((entry) => entry.storyId)])).toEqual([
        ['vendor:supermicro|backdoor_allegation', ['s1']],
      ]);
      expect((await state.ledgerSlice(['vendor:apple'])).asserted).toEqual([]);
    });
  });
}
