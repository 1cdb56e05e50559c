import { describe, expect, it } from 'vitest';
import { loadEntityCatalog } from './load-catalog.js';

const catalog = loadEntityCatalog();
const ids = (text: string): string[] => catalog.matchMentions(text).map((mention) => mention.entityId);

describe('matchMentions on the shipped catalog', () => {
  it('finds multi-word names, tickers and abbreviations with their offsets', () => {
    const text = 'Super Micro Computer, Inc. (SMCI) told USI and OSE to move production.';
    const mentions = catalog.matchMentions(text);
    expect(mentions.map((m) => [m.entityId, m.text])).toEqual([
      ['vendor:supermicro', 'Super Micro Computer'],
      ['vendor:supermicro', 'SMCI'],
      ['supplier:usi', 'USI'],
      ['supplier:ose', 'OSE'],
    ]);
    for (const mention of mentions) expect(text.slice(mention.start, mention.end)).toBe(mention.text);
  });

  it('prefers the longest alias at a position', () => {
    expect(catalog.matchMentions('Orient Semiconductor Electronics said')[0]?.alias).toBe(
      'Orient Semiconductor Electronics',
    );
    expect(ids('Quanta Cloud Technology and Quanta Computer')).toEqual(['vendor:qct', 'supplier:quanta']);
  });

  it('ignores case and punctuation for ordinary aliases', () => {
    expect(ids('SUPER-MICRO and super micro and Hon Hai')).toEqual([
      'vendor:supermicro',
      'vendor:supermicro',
      'supplier:foxconn',
    ]);
  });

  it.each([
    'a micro controller on the board',
    'threat intel from the dell below the quanta of energy',
    'a gigabyte of data; we use the ose tool and usi cables',
    'supermicroscope',
    'a 3m cable',
  ])('finds no entity in "%s"', (text) => {
    expect(ids(text)).toEqual([]);
  });

  it('matches names that are common words only as capitalised proper names', () => {
    expect(ids('Intel, Dell, Quanta and GIGABYTE')).toEqual([
      'supplier:intel',
      'vendor:dell',
      'supplier:quanta',
      'vendor:gigabyte',
    ]);
  });

  it('respects word boundaries in non-Latin punctuation and diacritics', () => {
    expect(ids('«Supermicro»—Wistron；Pegatron')).toEqual([
      'vendor:supermicro',
      'supplier:wistron',
      'supplier:pegatron',
    ]);
    expect(ids('Société Inventec')).toEqual(['supplier:inventec']);
  });

  it('finds Chinese names inside running Chinese text, traditional and simplified', () => {
    expect(ids('彭博社報導美超微電腦的主機板由華泰電子與環旭電子代工，鸿海否认。')).toEqual([
      'vendor:supermicro',
      'supplier:ose',
      'supplier:usi',
      'supplier:foxconn',
    ]);
  });

  it('finds Latin names next to Chinese characters without a space', () => {
    expect(ids('據報Supermicro與OSE合作')).toEqual(['vendor:supermicro', 'supplier:ose']);
  });
});
