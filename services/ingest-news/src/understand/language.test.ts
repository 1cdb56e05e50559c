import { describe, expect, it } from 'vitest';
import { languageOf, primaryLanguage } from './language.js';

describe('languageOf', () => {
  it.each([
    ['the declared tag, canonicalised', 'anything at all', 'en-us', 'en-US'],
    [
      'detection when the declared tag is malformed',
      'Der Serverhersteller Super Micro hat den Bericht über Spionagechips zurückgewiesen.',
      'not a tag!',
      'de',
    ],
    ['und for text too short to judge', 'Super Micro', undefined, 'und'],
    ['zh for Chinese', '超微电脑公司否认了关于其服务器主板被植入间谍芯片的报道。', undefined, 'zh'],
    [
      'fr for French',
      'Le fabricant de serveurs Super Micro a démenti jeudi les informations sur des puces espionnes.',
      undefined,
      'fr',
    ],
    [
      'en for a short English text franc scores close to Italian',
      'Hardware news\nSupermicro disclosed a vulnerability in its BMC firmware.',
      undefined,
      'en',
    ],
  ])('returns %s', (_name, text, declared, expected) => {
    expect(languageOf(text, declared)).toBe(expected);
  });

  it('reduces a tag to its primary language', () => {
    expect(primaryLanguage('zh-Hant-TW')).toBe('zh');
    expect(primaryLanguage('EN')).toBe('en');
  });
});
