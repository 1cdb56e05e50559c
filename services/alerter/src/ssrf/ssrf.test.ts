import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGuarded } from '../http/post.js';
import { startReceiver, type ReceiverServer } from '../test-support/receiver-server.js';
import { assertAddressAllowed, checkPolicy, DENY_ALL_PRIVATE } from './address-policy.js';

// A canary listening on every local address (IPv4 and IPv6): any vector that slipped through would hit it.
let canary: ReceiverServer;
beforeAll(async () => {
  canary = await startReceiver(undefined, '::');
});
afterAll(() => canary.close());

const port = (): string => String(canary.port);

describe('SSRF guard', () => {
  const refused: readonly (readonly [string, () => string])[] = [
    ['loopback IPv4', () => `http://127.0.0.1:${port()}/`],
    ['another 127/8 address', () => `http://127.1.2.3:${port()}/`],
    ['localhost, refused after DNS at connect time', () => `http://localhost:${port()}/`],
    ['decimal IPv4', () => `http://2130706433:${port()}/`],
    ['hex IPv4', () => `http://0x7f000001:${port()}/`],
    ['dotted hex IPv4', () => `http://0x7f.0x0.0x0.0x1:${port()}/`],
    ['octal IPv4', () => `http://0177.0.0.1:${port()}/`],
    ['short-form IPv4', () => `http://127.1:${port()}/`],
    ['IPv6 loopback', () => `http://[::1]:${port()}/`],
    ['IPv4-mapped IPv6 loopback', () => `http://[::ffff:127.0.0.1]:${port()}/`],
    ['IPv4-mapped IPv6 in hex', () => `http://[::ffff:7f00:1]:${port()}/`],
    ['unspecified 0.0.0.0', () => `http://0.0.0.0:${port()}/`],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['link-local', () => 'http://169.254.1.1/'],
    ['RFC 1918 10/8', () => 'http://10.0.0.1/'],
    ['RFC 1918 172.16/12', () => 'http://172.16.5.4/'],
    ['RFC 1918 192.168/16', () => 'http://192.168.1.1/'],
    ['CGNAT 100.64/10', () => 'http://100.64.0.1/'],
    ['IPv6 unique local', () => 'http://[fd00::1]/'],
    ['IPv6 link-local', () => 'http://[fe80::1]/'],
    ['IPv4-mapped metadata', () => 'http://[::ffff:169.254.169.254]/'],
    ['NAT64-embedded loopback', () => 'http://[64:ff9b::7f00:1]/'],
  ];

  it.each(refused)('refuses %s before anything is sent', async (_name, url) => {
    await expect(
      postGuarded(url(), '{}', {}, { policy: DENY_ALL_PRIVATE, timeoutMs: 2000 }),
    ).rejects.toMatchObject({
      code: 'SSRF_REFUSED',
    });
  });

  it.each([
    'file:///etc/passwd',
    'gopher://127.0.0.1:70/',
    'ftp://example.com/',
    'javascript:alert(1)',
    'not a url',
  ])('refuses the non-http(s) or unparsable URL %s', async (url) => {
    await expect(
      postGuarded(url, '{}', {}, { policy: DENY_ALL_PRIVATE, timeoutMs: 2000 }),
    ).rejects.toMatchObject({
      code: 'URL_REFUSED',
    });
  });

  it('refuses credentials embedded in the URL', async () => {
    await expect(
      postGuarded('http://user:pw@example.com/', '{}', {}, { policy: DENY_ALL_PRIVATE, timeoutMs: 2000 }),
    ).rejects.toMatchObject({ code: 'URL_REFUSED' });
  });

  it('left the canary untouched by every refused vector', () => {
    expect(canary.received).toEqual([]);
  });

  it('reaches a loopback receiver only once the operator allow-lists its address', async () => {
    const policy = checkPolicy({ allow: ['127.0.0.1/32'], allowHosts: [] });
    const reply = await postGuarded(`http://127.0.0.1:${port()}/ok`, '{}', {}, { policy, timeoutMs: 2000 });
    expect(reply.status).toBe(200);
    expect(canary.received.map((r) => r.path)).toEqual(['/ok']);
    canary.received.length = 0;
  });

  it('judges an IPv4-mapped address by the IPv4 it carries, also when allow-listed', () => {
    const policy = checkPolicy({ allow: ['127.0.0.1'], allowHosts: [] });
    expect(() => assertAddressAllowed('::ffff:127.0.0.1', policy)).not.toThrow();
    expect(() => assertAddressAllowed('::ffff:127.0.0.2', policy)).toThrow(/loopback/);
  });

  it('allows public unicast addresses without an allow-list', () => {
    for (const a of ['8.8.8.8', '2606:4700:4700::1111', '::ffff:1.1.1.1']) {
      expect(() => assertAddressAllowed(a, DENY_ALL_PRIVATE)).not.toThrow();
    }
  });

  it('judges by the allow-list as it is now, also one changed after an earlier check', () => {
    const allow = ['127.0.0.1/32'];
    const policy = { allow, allowHosts: [] };
    expect(() => assertAddressAllowed('127.0.0.1', policy)).not.toThrow();
    allow.pop();
    expect(() => assertAddressAllowed('127.0.0.1', policy)).toThrow(/loopback/);
    // checkPolicy's copy cannot change: it is parsed once.
    const checked = checkPolicy({ allow: ['127.0.0.1/32'], allowHosts: [] });
    expect(Object.isFrozen(checked.allow)).toBe(true);
    expect(() => assertAddressAllowed('127.0.0.1', checked)).not.toThrow();
    expect(() => assertAddressAllowed('127.0.0.2', checked)).toThrow(/loopback/);
  });

  it('fails fast on an allow-list entry that is not a CIDR or address', () => {
    expect(() => checkPolicy({ allow: ['10.0.0.0/33'], allowHosts: [] })).toThrow(/allow-list entry/);
  });
});
