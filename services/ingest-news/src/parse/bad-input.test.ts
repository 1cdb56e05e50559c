import { TextDecoder } from 'node:util';
import { describe, expect, it } from 'vitest';
import { classifierDeps, testCatalog } from '../test-support/deps.js';
import { readStory } from '../understand/classify-story.js';
import { languageOf } from '../understand/language.js';
import { parseCveRecord } from './cve.js';
import { parseFeed } from './feed.js';
import { htmlToText } from './html-text.js';
import { parseStixBundle } from './stix.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const rss = (title: string, extra = ''): string =>
  `<rss version="2.0"><channel><title>Feed</title>${extra}<item><title>${title}</title><link>https://f.example/a</link>` +
  `<pubDate>Thu, 04 Oct 2018 09:00:00 GMT</pubDate><description>Super Micro denied the report.</description></item></channel></rss>`;

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
${rss('&lol3;')}`;
const EXTERNAL_ENTITY = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${rss('&xxe;')}`;

describe('bad input is refused with a clear, non-retriable error', () => {
  it.each([
    ['malformed XML', utf8('<rss version="2.0"><channel><title>x</channel></rss>'), 'XML_MALFORMED'],
    ['a document that is neither RSS nor Atom', utf8('<html><body>hi</body></html>'), 'FEED_UNRECOGNISED'],
    ['billion-laughs entity expansion', utf8(BILLION_LAUGHS), 'XML_DTD_REFUSED'],
    ['an external entity', utf8(EXTERNAL_ENTITY), 'XML_DTD_REFUSED'],
    [
      'a DOCTYPE hidden behind a comment and a processing instruction',
      utf8(`<?xml version="1.0"?><!-- x --><?pi y?><!DOCTYPE r [<!ENTITY a "b">]>${rss('&a;')}`),
      'XML_DTD_REFUSED',
    ],
    [
      'XML nested deeper than the parser allows',
      utf8(`<rss version="2.0"><channel>${'<a>'.repeat(50_000)}x${'</a>'.repeat(50_000)}</channel></rss>`),
      'XML_MALFORMED',
    ],
    [
      'an unknown charset label',
      utf8(`<?xml version="1.0" encoding="x-mac-klingon"?>${rss('t')}`),
      'FEED_ENCODING_UNSUPPORTED',
    ],
    [
      'bytes that are not valid in the declared UTF-8',
      Uint8Array.from([
        ...utf8('<rss version="2.0"><channel><title>'),
        0xc3,
        0x28,
        ...utf8('</title></channel></rss>'),
      ]),
      'FEED_ENCODING_INVALID',
    ],
  ] as const)('refuses %s', (_name, bytes, code) => {
    expect(() => parseFeed({ bytes })).toThrow(expect.objectContaining({ code, retriable: false }));
  });

  it('refuses an oversized feed before decoding or parsing it', () => {
    const bytes = utf8(rss('x'.repeat(2048)));
    expect(() => parseFeed({ bytes, maxBytes: 1024 })).toThrow(
      expect.objectContaining({ code: 'FEED_TOO_LARGE' }),
    );
  });

  it('leaves an entity reference without a DTD as literal text, never expanding it', () => {
    const feed = parseFeed({ bytes: utf8(rss('Before &xxe; after')) });
    expect(feed.articles[0]?.title).toBe('Before &xxe; after');
  });

  it.each([
    ['truncated JSON', '{"type": "bundle", "objects": ['],
    [
      'a prototype-polluting key',
      '{"type":"bundle","id":"bundle--cf20f99b-3ed2-4a9f-b4f1-d660a7fc8241","objects":[],"__proto__":{"x":1}}',
    ],
  ])('refuses a STIX bundle with %s', (_name, text) => {
    expect(() => parseStixBundle(text, { baseUrl: 'https://cti.example/' })).toThrow(
      expect.objectContaining({ code: 'JSON_MALFORMED' }),
    );
  });

  it('refuses a CVE record that is not JSON, and one that is JSON of another shape', () => {
    expect(() => parseCveRecord('{"dataType": "CVE_RECORD",', testCatalog())).toThrow(
      expect.objectContaining({ code: 'JSON_MALFORMED' }),
    );
    expect(() => parseCveRecord('{"dataType": "CVE_RECORD"}', testCatalog())).toThrow(
      expect.objectContaining({ code: 'CVE_INVALID' }),
    );
  });
});

describe('hostile HTML is sanitised to text', () => {
  it.each([
    ['<p>Super Micro denied it.</p><script>alert("x")</script>', 'Super Micro denied it.'],
    ['<style>p { color: red }</style><p>Audit found nothing.</p>', 'Audit found nothing.'],
    [
      '<p onclick="steal()">Click</p><img src=x onerror="steal()"><iframe src="https://evil.example"></iframe>',
      'Click',
    ],
    ['<a href="javascript:alert(1)">link text</a> &amp; more', 'link text & more'],
    ['<p>One</p><p>Two</p>', 'One\nTwo'],
    ['<scr<script>ipt>alert(1)</script>', 'ipt>alert(1)'],
  ])('turns %j into plain text', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe('other encodings and languages still flow', () => {
  it.each([
    ['Shift_JIS from the Content-Type', 'text/xml; charset=Shift_JIS', 'shift_jis', 'スーパーマイクロ'],
    ['GB18030 from the Content-Type', 'application/rss+xml; charset=gb18030', 'gb18030', '超微电脑'],
    [
      'ISO-8859-1 from the Content-Type, read as windows-1252',
      'text/xml; charset=iso-8859-1',
      'windows-1252',
      'Société',
    ],
  ])('decodes %s', (_name, contentType, encoding, title) => {
    const feed = parseFeed({ bytes: encodeAs(rss(title), encoding), contentType });
    expect(feed.articles[0]?.title).toBe(title);
  });

  it('decodes UTF-16 with a byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rss('Sixteen'), 'utf16le')]);
    expect(parseFeed({ bytes }).articles[0]?.title).toBe('Sixteen');
  });

  it('tags Chinese text as zh and still finds the entity it names', () => {
    const text =
      '超微（Super Micro）否认了关于其服务器主板在中国制造期间被植入间谍芯片的报道，并称从未发现任何恶意硬件。';
    expect(languageOf(text)).toBe('zh');
    const reading = readStory(text, languageOf(text), classifierDeps());
    expect(reading.entityIds).toEqual(['vendor:supermicro']);
    // The claim lexicon is English; a Chinese story is carried with its entities and no guessed claims.
    expect(reading.claims).toEqual([]);
  });

  it('tags German text as de', () => {
    expect(
      languageOf(
        'Der Serverhersteller Super Micro hat den Bericht über Spionagechips entschieden zurückgewiesen.',
      ),
    ).toBe('de');
  });
});

/**
 * Encodes text in a legacy charset. Node ships decoders for these charsets but no encoders, so each
 * non-ASCII character's bytes are found by searching the decoder's one- and two-byte space.
 */
function encodeAs(text: string, encoding: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder(encoding);
  for (const char of new Set(text)) {
    if (char.charCodeAt(0) < 0x80) {
      table.set(char, [char.charCodeAt(0)]);
      continue;
    }
    table.set(char, findBytes(decoder, char));
  }
  return Uint8Array.from([...text].flatMap((char) => table.get(char) ?? []));
}

function findBytes(decoder: TextDecoder, char: string): number[] {
  for (let a = 0x80; a <= 0xff; a += 1) {
    if (decoder.decode(Uint8Array.of(a)) === char) return [a];
    for (let b = 0x30; b <= 0xff; b += 1) {
      if (decoder.decode(Uint8Array.of(a, b)) === char) return [a, b];
    }
  }
  throw new Error(`no bytes for ${char}`);
}
