import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evidenceUrlSchema } from '../trust/primitives.js';
import { httpUrlSchema } from '../events/common.js';
import { supplierSourceSchema } from '../events/supplier-changed.js';
import { redactUrl } from './redact-url.js';

const SECRET_NAMES = [
  'access_token',
  'token',
  'api_key',
  'apikey',
  'key',
  'secret',
  'password',
  'sig',
  'signature',
  'X-Amz-Signature',
  'X-Amz-Credential',
  'X-Amz-Security-Token',
  'client_secret',
  'api%5Fkey',
];
const HARMLESS_NAMES = ['id', 'page', 'lang', 'q', 'utm_source', 'ref', 'article', 'monkey', 'sort'];

// Harmless parts are lower-case letters only; a secret always holds a digit, so it cannot occur in them.
const word = fc.stringMatching(/^[a-z]{1,12}$/);
const secret = fc.stringMatching(/^[A-Za-z0-9_-]{0,30}$/).map((s) => `9${s}`);
const harmlessPair = fc.tuple(fc.constantFrom(...HARMLESS_NAMES), word).map(([n, v]) => `${n}=${v}`);
const harmlessUrl = fc
  .tuple(word, fc.array(word, { maxLength: 4 }), fc.array(harmlessPair, { maxLength: 4 }), fc.option(word))
  .map(([host, path, pairs, hash]) => {
    const query = pairs.length > 0 ? `?${pairs.join('&')}` : '';
    return `https://${host}.example/${path.join('/')}${query}${hash === null ? '' : `#${hash}`}`;
  });

describe('redactUrl', () => {
  it('removes the access token of a news link and the api key of a supplier notice', () => {
    expect(redactUrl('https://news.example/story-1?access_token=abc123')).toBe(
      'https://news.example/story-1',
    );
    expect(redactUrl('https://suppliers.example/notice?lang=en&api_key=k1&page=2')).toBe(
      'https://suppliers.example/notice?lang=en&page=2',
    );
  });

  it('drops userinfo and credentials in an OAuth fragment', () => {
    expect(redactUrl('https://user:pw@host.example/a?b=c')).toBe('https://host.example/a?b=c');
    expect(redactUrl('https://host.example/cb#access_token=t0k&state=s')).toBe(
      'https://host.example/cb#state=s',
    );
    expect(redactUrl('https://host.example/a@b/c')).toBe('https://host.example/a@b/c');
  });

  it('removes every signing parameter of a presigned S3 URL', () => {
    const url =
      'https://bucket.s3.amazonaws.com/fw.bin?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F2026&X-Amz-Date=20261124T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=abc';
    expect(redactUrl(url)).toBe('https://bucket.s3.amazonaws.com/fw.bin');
  });

  it('never lets a secret parameter value through, wherever it sits in the query', () => {
    fc.assert(
      fc.property(harmlessUrl, fc.constantFrom(...SECRET_NAMES), secret, fc.nat(), (url, name, value, at) => {
        const [head, hash] = url.split('#') as [string, string | undefined];
        const [path, query] = head.split('?') as [string, string | undefined];
        const pairs = query === undefined ? [] : query.split('&');
        pairs.splice(at % (pairs.length + 1), 0, `${name}=${value}`);
        const withSecret = `${path}?${pairs.join('&')}${hash === undefined ? '' : `#${hash}`}`;
        const out = redactUrl(withSecret);
        expect(out).not.toContain(value);
        expect(redactUrl(out)).toBe(out);
        expect(URL.canParse(out)).toBe(true);
      }),
    );
  });

  it('returns a URL without credentials unchanged', () => {
    fc.assert(fc.property(harmlessUrl, (url) => redactUrl(url) === url));
  });
});

describe('URL schemas', () => {
  it('strip credentials from evidence, event and supplier source URLs as they are parsed', () => {
    const url = 'https://news.example/s?access_token=9canary';
    expect(evidenceUrlSchema.parse(url)).toBe('https://news.example/s');
    expect(httpUrlSchema.parse(url)).toBe('https://news.example/s');
    expect(supplierSourceSchema.parse({ kind: 'direct', uri: 'https://s.example/n?api_key=9c' })).toEqual({
      kind: 'direct',
      uri: 'https://s.example/n',
    });
  });
});
