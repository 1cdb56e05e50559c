import { describe, expect, it } from 'vitest';
import { hashSchema, isoCountryCodeSchema, languageTagSchema, stableIdSchema } from './common.js';
import { COUNTRY_CODES } from './country-codes.js';

describe('shared sub-schemas', () => {
  it('knows every assigned ISO 3166-1 alpha-2 code and nothing else', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(COUNTRY_CODES).toEqual([...COUNTRY_CODES].sort());
    for (const code of ['CN', 'TW', 'US', 'DE', 'KR', 'VN', 'MY']) {
      expect(isoCountryCodeSchema.safeParse(code).success, code).toBe(true);
    }
    for (const code of ['UK', 'EU', 'XX', 'tw', '']) {
      expect(isoCountryCodeSchema.safeParse(code).success, code).toBe(false);
    }
  });

  it('accepts BCP 47 tags with script and region, and rejects prose', () => {
    for (const tag of ['en', 'en-US', 'zh-Hant-TW', 'de-CH-1996']) {
      expect(languageTagSchema.safeParse(tag).success, tag).toBe(true);
    }
    for (const tag of ['English', 'en_US', 'en-', '12']) {
      expect(languageTagSchema.safeParse(tag).success, tag).toBe(false);
    }
  });

  it('accepts a digest of the right length for each algorithm', () => {
    expect(hashSchema.safeParse({ algorithm: 'md5', value: 'A'.repeat(32) }).success).toBe(true);
    expect(hashSchema.safeParse({ algorithm: 'sha512', value: 'f'.repeat(128) }).success).toBe(true);
    expect(hashSchema.safeParse({ algorithm: 'sha256', value: 'g'.repeat(64) }).success).toBe(false);
  });

  it('refuses ids with whitespace, which would break keys and hash tags', () => {
    expect(stableIdSchema.safeParse('cust acme').success).toBe(false);
    expect(stableIdSchema.safeParse('cust-acme').success).toBe(true);
  });
});
