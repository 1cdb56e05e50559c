import { isIP } from 'node:net';

/** A host and port, as parsed from `host:port` or `[v6]:port`. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** Parses `host:port` (IPv6 in brackets); throws with the offending text when it is not one. */
export function parseHostPort(text: string): HostPort {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[2]);
  if (match?.[1] === undefined || !(port >= 1 && port <= 65535)) {
    throw new Error(`not a host:port address: '${text}'`);
  }
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

/** True for `localhost`, 127.0.0.0/8 and ::1: addresses that cannot reach another machine. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** The host and port of a `redis://` or `rediss://` URL (default port 6379). */
export function redisHostPort(url: string): HostPort & { tls: boolean } {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(`not a redis:// or rediss:// URL: '${parsed.protocol}//${parsed.host}'`);
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  return { host, port: parsed.port === '' ? 6379 : Number(parsed.port), tls: parsed.protocol === 'rediss:' };
}

/** Removes credentials from a Redis URL so it can be printed in an error. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
