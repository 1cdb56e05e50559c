import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRoute, hrefOf, type Route } from './router.js';
import { absoluteTime, isWebLink, kindLabel, relativeTime, scoreWithBand, signedPoints } from './format.js';

const NOW = Date.parse('2026-11-24T12:00:00Z');

describe('dashboard wording', () => {
  it('shows a score rounded to whole points with its band, and "good" above every threshold', () => {
    expect(scoreWithBand(61.6, 'watch')).toBe('62, watch');
    expect(scoreWithBand(91.2, null)).toBe('91, good');
  });

  it('says how long ago something happened in plain words', () => {
    expect(relativeTime('2026-11-24T09:00:00Z', NOW, 'en')).toBe('3 hours ago');
    expect(relativeTime('2026-11-23T12:00:00Z', NOW, 'en')).toBe('yesterday');
    expect(relativeTime('2026-11-24T11:59:30Z', NOW, 'en')).toBe('just now');
    expect(relativeTime('2026-12-01T12:00:00Z', NOW, 'en')).toBe('next week');
  });

  it('shows the exact time in the reader’s locale and zone', () => {
    expect(absoluteTime('2026-11-24T09:05:00Z', 'en-GB', 'UTC')).toBe('24 Nov 2026, 09:05');
  });

  it('writes score moves with a sign and factor kinds as words', () => {
    expect([signedPoints(-20.4), signedPoints(5), signedPoints(0.2)]).toEqual(['−20', '+5', '±0']);
    expect(kindLabel('firmware_unknown_build')).toBe('Firmware unknown build');
  });

  it('links only web addresses, never javascript: or data: ones', () => {
    expect(isWebLink('https://www.bloomberg.com/news')).toBe(true);
    expect(isWebLink('javascript:alert(1)')).toBe(false);
    expect(isWebLink('data:text/html,hi')).toBe(false);
    expect(isWebLink('not a url')).toBe(false);
  });
});

describe('dashboard routes', () => {
  it('reads back every route it writes, whatever the customer id', () => {
    const route = fc.oneof(
      fc.constantFrom<Route>({ page: 'portfolio' }, { page: 'alerts' }, { page: 'silences' }),
      fc.string({ minLength: 1 }).map((customerId): Route => ({ page: 'customer', customerId })),
    );
    fc.assert(
      fc.property(route, (r) => {
        expect(parseRoute(hrefOf(r))).toEqual(r);
      }),
    );
  });

  it('treats an unknown fragment as the portfolio', () => {
    expect(parseRoute('#/nowhere')).toEqual({ page: 'portfolio' });
    expect(parseRoute('')).toEqual({ page: 'portfolio' });
  });
});
