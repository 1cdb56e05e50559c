/**
 * Query parameters that identify a click, a campaign or a session, never the article. Stripping them
 * makes the same article shared through a newsletter, a social network and a feed one URL.
 */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  'igshid',
  'yclid',
  'ref',
  'ref_src',
  'cmpid',
  'ocid',
  'smid',
  'sr_share',
  'cid',
  '_ga',
  'ns_source',
  'ns_mchannel',
  'ns_campaign',
  'ito',
  'feature',
]);
const TRACKING_PREFIXES = ['utm_', 'mkt_', 'pk_', 'hsa_', 'at_'];

function isTracking(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * The canonical form of an article URL, for deduplication: https, lower-case host without `www.` or
 * `m.`/`amp.` mobile prefixes, no default port, no fragment, no tracking parameters, remaining query
 * parameters sorted, trailing slash and `/amp` suffix removed. Two URLs with the same canonical form
 * are the same article.
 */
export function canonicalUrl(url: string): string {
  const parsed = new URL(url.trim());
  parsed.protocol = 'https:';
  parsed.hostname = parsed.hostname
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^(www|m|amp)\./, '');
  parsed.port = '';
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  const kept = [...parsed.searchParams.entries()].filter(([name]) => !isTracking(name));
  kept.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
  parsed.search = new URLSearchParams(kept).toString();
  let path = parsed.pathname.replace(/\/{2,}/g, '/').replace(/\/amp\/?$/, '');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  parsed.pathname = path === '' ? '/' : path;
  return parsed.toString();
}
