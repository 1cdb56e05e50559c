import { describe, expect, it } from 'vitest';
import { normaliseCountry } from './country.js';

describe('normaliseCountry', () => {
  it.each([
    ['China', 'CN'],
    ['CN', 'CN'],
    ['cn', 'CN'],
    ['CHN', 'CN'],
    ['156', 'CN'],
    ["People's Republic of China", 'CN'],
    ['PRC', 'CN'],
    ['Mainland China', 'CN'],
    ['Taiwan', 'TW'],
    ['TW', 'TW'],
    ['TWN', 'TW'],
    ['Taiwan, Province of China', 'TW'],
    ['Republic of China (Taiwan)', 'TW'],
    ['Republic of China', 'TW'],
    ['Chinese Taipei', 'TW'],
    ['USA', 'US'],
    ['U.S.A.', 'US'],
    ['United States of America', 'US'],
    ['Hong Kong', 'HK'],
    ['Hong Kong SAR', 'HK'],
    ['South Korea', 'KR'],
    ['Korea, Republic of', 'KR'],
    ['Viet Nam', 'VN'],
    ['Vietnam', 'VN'],
    ['Malaysia', 'MY'],
    ['Mexico', 'MX'],
    ['Czechia', 'CZ'],
    ['UK', 'GB'],
    ['  germany ', 'DE'],
    ['Côte d’Ivoire', 'CI'],
  ])('maps "%s" to %s', (input, code) => {
    expect(normaliseCountry(input)).toBe(code);
  });

  it.each(['XK', 'Kosovo', 'Atlantis', 'ZZ', '', 'China Town', '999'])('knows no country "%s"', (input) => {
    expect(normaliseCountry(input)).toBeUndefined();
  });
});
