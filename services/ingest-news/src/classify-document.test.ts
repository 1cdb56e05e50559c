import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyDocument, type DocumentDeps } from './classify-document.js';
import { classifierDeps, fixture, outlets, SHARED_DATA } from './test-support/deps.js';

const NOW = '2026-01-01T00:00:00.000Z';
const deps = (): DocumentDeps => ({ ...classifierDeps(), outlets: outlets() });
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('classifyDocument', () => {
  it('recognises an RSS feed by content and classifies its stories', () => {
    const reading = classifyDocument(
      { bytes: fixture('bizweek.rss.xml'), url: 'https://file.invalid/bizweek.xml', now: NOW },
      deps(),
    );
    expect(reading.kind).toBe('feed');
    expect(reading.stories.map((story) => story.claims.map((claim) => claim.kind))).toEqual([
      ['backdoor_allegation'],
      ['relocation', 'relocation'],
    ]);
  });

  it('recognises the real CVE record and returns its advisory', () => {
    const bytes = readFileSync(`${SHARED_DATA}cve-records/CVE-2024-10237.json`);
    const reading = classifyDocument({ bytes, url: 'https://file.invalid/cve.json', now: NOW }, deps());
    expect(reading.kind).toBe('cve');
    expect(reading.advisories.map((advisory) => advisory.affected[0]?.vendorId)).toEqual([
      'vendor:supermicro',
    ]);
  });

  it('recognises a STIX bundle and returns its report story and denials', () => {
    const reading = classifyDocument(
      { bytes: fixture('apt1-with-opinion.json'), url: 'https://cti.example/c/', now: NOW },
      deps(),
    );
    expect(reading.kind).toBe('stix');
    expect(reading.stories.map((story) => story.title)).toEqual([
      "APT1: Exposing One of China's Cyber Espionage Units",
    ]);
    expect(reading.denials).toHaveLength(2);
  });

  it('reads an HTML page as one story with its scripts dropped', () => {
    const html =
      '<html><head><title>t</title><script>var x = "Super Micro denied";</script></head><body><h1>Hardware news</h1><p>Supermicro disclosed a vulnerability in its BMC firmware.</p></body></html>';
    const reading = classifyDocument(
      { bytes: utf8(html), url: 'https://file.invalid/page.html', now: NOW },
      deps(),
    );
    expect(reading.kind).toBe('html');
    expect(reading.stories[0]?.title).toBe('Hardware news');
    expect(reading.stories[0]?.claims.map((claim) => [claim.kind, claim.sentence])).toEqual([
      ['vulnerability_disclosure', 'Supermicro disclosed a vulnerability in its BMC firmware.'],
    ]);
  });

  it('reads plain text, and refuses a feed with a DOCTYPE instead of reading it as HTML', () => {
    const text = classifyDocument(
      {
        bytes: utf8('OSE news\nOSE moved production to Kaohsiung.'),
        url: 'https://file.invalid/a.txt',
        now: NOW,
      },
      deps(),
    );
    expect(text.kind).toBe('text');
    expect(text.stories[0]?.claims[0]).toMatchObject({ entityId: 'supplier:ose', kind: 'relocation' });
    const dtd = utf8(
      '<!DOCTYPE rss [<!ENTITY a "b">]><rss version="2.0"><channel><title>&a;</title></channel></rss>',
    );
    expect(() =>
      classifyDocument({ bytes: dtd, url: 'https://file.invalid/x.xml', now: NOW }, deps()),
    ).toThrow(expect.objectContaining({ code: 'XML_DTD_REFUSED' }));
  });
});
