import { isSecretParameter } from './secret-parameter.js';

// A presigned S3 URL is a bearer credential as a whole: its signing parameters (`X-Amz-Credential`,
// `X-Amz-Signature`, `X-Amz-Security-Token`, and the date/expiry that make them valid) all go.
const SIGNED_URL_PARAMETER = /^x-amz-/i;

// `scheme://userinfo@`: everything between `//` and the last `@` before the path is a credential.
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i;

function parameterName(pair: string): string {
  const raw = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    // A malformed escape cannot hide a name we know; compare the raw text.
    return raw;
  }
}

function isCredentialParameter(pair: string): boolean {
  const name = parameterName(pair);
  return isSecretParameter(name) || SIGNED_URL_PARAMETER.test(name);
}

/** Drops credential pairs from `a=1&b=2`, keeping every other pair byte for byte. */
function withoutSecretPairs(params: string): string {
  return params
    .split('&')
    .filter((pair) => !isCredentialParameter(pair))
    .join('&');
}

/**
 * The URL without its credentials: userinfo (`https://user:pw@host`) and credential-like parameters
 * (`access_token`, `api_key`, `sig`, `X-Amz-*`, ...) in the query or in a `name=value` fragment (OAuth
 * implicit flow) are removed, not masked, so the link stays valid and shows nothing secret. Everything
 * else is kept byte for byte, and a URL without credentials comes back unchanged. Idempotent.
 */
export function redactUrl(url: string): string {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  let fragment = hashAt === -1 ? '' : url.slice(hashAt);
  const queryAt = beforeHash.indexOf('?');
  const base = (queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt)).replace(USERINFO, '$1');
  let query = queryAt === -1 ? '' : beforeHash.slice(queryAt);
  if (query.length > 1) {
    const kept = withoutSecretPairs(query.slice(1));
    query = kept === '' ? '' : `?${kept}`;
  }
  if (fragment.includes('=')) {
    const kept = withoutSecretPairs(fragment.slice(1));
    fragment = kept === '' ? '' : `#${kept}`;
  }
  const out = base + query + fragment;
  return out === url ? url : out;
}
