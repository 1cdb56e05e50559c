import ipaddr from 'ipaddr.js';
import { AlerterError } from '../errors.js';

/**
 * Only ipaddr.js's `unicast` range (public addresses) is allowed by default. Everything else is refused:
 * loopback, RFC 1918, link-local (holding the cloud metadata address 169.254.169.254), CGNAT 100.64/10,
 * IPv6 ULA fc00::/7, 0.0.0.0, multicast, reserved and documentation blocks, and the 6to4/Teredo/NAT64
 * forms that embed an IPv4. An allow-list is safer than a deny-list: a range added later stays refused.
 */
const PUBLIC_RANGE = 'unicast';

/** Which addresses a receiver may be at: public ones, plus whatever the operator allow-lists. */
export interface AddressPolicy {
  /** CIDRs (`10.0.0.0/8`, `::1/128`) or single addresses the operator explicitly allows. */
  readonly allow: readonly string[];
  /** Host names (exact, lower case) allowed whatever they resolve to. */
  readonly allowHosts: readonly string[];
}

export const DENY_ALL_PRIVATE: AddressPolicy = { allow: [], allowHosts: [] };

type Parsed = ipaddr.IPv4 | ipaddr.IPv6;

function parseAllow(entry: string): [Parsed, number] {
  if (entry.includes('/')) return ipaddr.parseCIDR(entry);
  const single = ipaddr.parse(entry);
  return [single, single.kind() === 'ipv4' ? 32 : 128];
}

// Parsed once per frozen allow-list (checkPolicy's, which cannot change): parsing it for every address
// checked was a measurable share of a delivery. A list that could still change is parsed every time.
const parsedAllowLists = new WeakMap<readonly string[], readonly [Parsed, number][]>();

function allowedNetworks(policy: AddressPolicy): readonly [Parsed, number][] {
  if (!Object.isFrozen(policy.allow)) return policy.allow.map(parseAllow);
  let networks = parsedAllowLists.get(policy.allow);
  if (networks === undefined) {
    networks = policy.allow.map(parseAllow);
    parsedAllowLists.set(policy.allow, networks);
  }
  return networks;
}

/** An IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 it carries. */
function normalise(address: string): Parsed {
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed;
}

/**
 * Throws SSRF_REFUSED unless `address` (an IP literal as the resolver or the URL gave it) is public or
 * allow-listed. Called at connect time for every resolved address, so a name that resolves to a public
 * address when the URL is saved and to 127.0.0.1 later (DNS rebinding) is still refused.
 */
export function assertAddressAllowed(address: string, policy: AddressPolicy): void {
  if (!ipaddr.isValid(address)) throw new AlerterError('SSRF_REFUSED', `not an IP address: ${address}`);
  const ip = normalise(address);
  for (const [network, bits] of allowedNetworks(policy)) {
    if (network.kind() === ip.kind() && ip.match(network, bits)) return;
  }
  const range = ip.range();
  if (range !== PUBLIC_RANGE) {
    throw new AlerterError('SSRF_REFUSED', `address ${ip.toString()} is ${range}; allow-list it to use it`);
  }
}

/** Validates the operator's allow-list once at startup, so a typo fails fast instead of at delivery. */
export function checkPolicy(policy: AddressPolicy): AddressPolicy {
  for (const entry of policy.allow) {
    try {
      parseAllow(entry);
    } catch (cause) {
      throw new AlerterError('INVALID_RECEIVER', `allow-list entry ${entry} is not a CIDR or address`, cause);
    }
  }
  return {
    allow: Object.freeze([...policy.allow]),
    allowHosts: Object.freeze(policy.allowHosts.map((h) => h.toLowerCase())),
  };
}
