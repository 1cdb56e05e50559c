import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { DENY_ALL_PRIVATE } from './address-policy.js';
import { guardedLookup, type Resolver } from './guarded-lookup.js';

/** A resolver answering each call with the next record set, as a rebinding DNS server would. */
function rebinding(...answers: LookupAddress[][]): Resolver {
  let call = 0;
  return (_host, _options, callback) => {
    const answer = answers[Math.min(call, answers.length - 1)] ?? [];
    call += 1;
    callback(null, answer);
  };
}

function lookupOnce(lookup: ReturnType<typeof guardedLookup>): Promise<{ err: unknown; address: unknown }> {
  return new Promise((resolve) => {
    lookup('hooks.example.com', { all: false }, (err, address) => resolve({ err, address }));
  });
}

describe('connect-time DNS check', () => {
  it('refuses a name that resolved to a public address before and to loopback now (DNS rebinding)', async () => {
    const lookup = guardedLookup(
      DENY_ALL_PRIVATE,
      'hooks.example.com',
      rebinding([{ address: '93.184.215.14', family: 4 }], [{ address: '127.0.0.1', family: 4 }]),
    );
    expect(await lookupOnce(lookup)).toEqual({ err: null, address: '93.184.215.14' });
    const second = await lookupOnce(lookup);
    expect(second.err).toMatchObject({ code: 'SSRF_REFUSED' });
  });

  it('refuses a name with one public and one private record, so the socket cannot pick the private one', async () => {
    const lookup = guardedLookup(
      DENY_ALL_PRIVATE,
      'hooks.example.com',
      rebinding([
        { address: '93.184.215.14', family: 4 },
        { address: '169.254.169.254', family: 4 },
      ]),
    );
    expect((await lookupOnce(lookup)).err).toMatchObject({ code: 'SSRF_REFUSED' });
  });

  it('lets an operator allow-list a host name whatever it resolves to', async () => {
    const policy = { allow: [], allowHosts: ['hooks.example.com'] };
    const lookup = guardedLookup(
      policy,
      'hooks.example.com',
      rebinding([{ address: '10.1.2.3', family: 4 }]),
    );
    expect(await lookupOnce(lookup)).toEqual({ err: null, address: '10.1.2.3' });
  });
});
