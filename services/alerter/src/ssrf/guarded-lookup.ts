import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { AlerterError } from '../errors.js';
import { assertAddressAllowed, type AddressPolicy } from './address-policy.js';

/** dns.lookup's `all: true` form: the resolver guardedLookup wraps (injectable for tests). */
export type Resolver = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http(s).request: resolves the name, then refuses the connection if ANY resolved address
 * is not allowed (a name with one public and one private record must not let the socket pick the private
 * one). Node calls this while connecting, so the check happens on the address the socket actually uses.
 */
export function guardedLookup(policy: AddressPolicy, host: string, resolve: Resolver = dnsLookup) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err !== null) return callback(err, []);
      try {
        if (!policy.allowHosts.includes(host)) {
          for (const a of addresses) assertAddressAllowed(a.address, policy);
        }
      } catch (refused) {
        return callback(refused as NodeJS.ErrnoException, []);
      }
      if (options.all === true) return callback(null, addresses);
      const first = addresses[0];
      if (first === undefined) return callback(new AlerterError('NETWORK', `no address for ${hostname}`), []);
      callback(null, first.address, first.family);
    });
  };
}

/** A receiver URL that passed the static checks: scheme, host, and (for IP literals) the address policy. */
export interface CheckedUrl {
  readonly url: URL;
  /** The host without IPv6 brackets, lower case. */
  readonly host: string;
}

/**
 * Static checks run before every request: http(s) only, no credentials in the URL, and an IP-literal
 * host checked now because Node skips `lookup` for literals. WHATWG URL parsing has already turned the
 * decimal (`2130706433`), hex (`0x7f.1`) and octal (`0177.0.0.1`) IPv4 forms into dotted quads.
 */
export function checkUrl(raw: string, policy: AddressPolicy): CheckedUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new AlerterError('URL_REFUSED', 'receiver URL does not parse', cause);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AlerterError('URL_REFUSED', `scheme ${url.protocol} refused: only http and https`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new AlerterError('URL_REFUSED', 'credentials in a receiver URL are refused');
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (isIP(host) !== 0 && !policy.allowHosts.includes(host)) assertAddressAllowed(host, policy);
  return { url, host };
}
