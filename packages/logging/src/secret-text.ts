// Which parameter names carry a credential is decided once, in schemas, which also strips them from
// evidence URLs: logs and records agree on what a secret is.
import { isSecretParameter } from '@trustwatch/schemas';

export { isSecretParameter };

/** What a redacted value is replaced with. */
export const CENSOR = '[REDACTED]';

// Every pattern below replaces only the secret part and keeps what helps debugging (scheme, host, the
// parameter name). Character classes stop at whitespace, quotes, backslashes and brackets so a secret
// embedded in JSON text, a stack line or a sentence is cut out without eating its surroundings.

// userinfo in any URL (redis://user:pw@host, https://token@hooks.example) is a credential.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>\\]*@/gi;

// URLs whose path is itself the credential: whoever holds one can post as us.
const SECRET_URL_PATHS: readonly RegExp[] = [
  /\b((?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/)[^\s"'<>\\]+/gi,
  /\b((?:https?:\/\/)?(?:[a-z0-9-]+\.)?discord(?:app)?\.com\/api\/webhooks\/)[^\s"'<>\\]+/gi,
  /\b((?:https?:\/\/)?[a-z0-9-]+\.webhook\.office\.com\/)[^\s"'<>\\]+/gi,
  /\b((?:https?:\/\/)?outlook\.office(?:365)?\.com\/webhook\/)[^\s"'<>\\]+/gi,
  /\b((?:https?:\/\/)?hooks\.zapier\.com\/hooks\/)[^\s"'<>\\]+/gi,
  // PagerDuty's v1 integration URLs carry the routing key in the path.
  /\b((?:https?:\/\/)?events\.(?:eu\.)?pagerduty\.com\/integration\/)[^\s"'<>\\]+/gi,
];

// Bare tokens recognisable by shape: Standard Webhooks signing secrets, JWTs (base64url of `{"`),
// Trustwatch API keys, and `Bearer`/`Basic` credentials quoted from an Authorization header.
const SECRET_TOKENS: readonly RegExp[] = [
  /\bwhsec_[A-Za-z0-9+/=_-]+/g,
  /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
  /(?<![A-Za-z0-9])twk_[A-Za-z0-9_-]+/g,
];
// Basic credentials are base64, which (unlike the word after "Basic" in prose) holds a digit or + / =.
const AUTH_SCHEME =
  /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}|\b(Basic\s+)(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{8,}={0,2}/g;

// `name=value` (query strings, form bodies, log lines) and `"name": "value"` (JSON quoted in text).
const NAMED_VALUE = /(^|[?&;,\s({])([A-Za-z0-9_.-]+)=([^&#\s"'<>\\;,)]*)/g;
const QUOTED_VALUE = /("([A-Za-z0-9_.-]+)"\s*:\s*")((?:[^"\\]|\\.)*)"/g;

// Every pattern above needs one of these; most log strings (ids, topics, plain messages) have none, and
// skipping them keeps the per-line cost of censoring close to pino's own.
const TRIGGER =
  /:\/\/|=|"\s*:|whsec_|eyJ|twk_|Bearer|Basic|hooks\.slack|discord|webhook\.office|outlook\.office|hooks\.zapier|pagerduty\.com/i;

/** Replaces the credentials of every URL in a text, keeping scheme and host for debugging. */
export function scrubUrlCredentials(text: string): string {
  return text.replace(URL_USERINFO, `$1${CENSOR}@`);
}

/**
 * Removes every secret recognisable by shape from free text: URL userinfo, secret-bearing webhook URLs
 * (Slack, Discord, Teams, Zapier, PagerDuty), `whsec_` secrets, JWTs, `twk_` API keys, bearer tokens,
 * and the values of secret-looking `name=value` / `"name":"value"` pairs. Idempotent, and text without
 * any of these comes back unchanged (the same string).
 */
export function scrubText(text: string): string {
  if (!TRIGGER.test(text)) return text;
  let out = scrubUrlCredentials(text);
  for (const pattern of SECRET_URL_PATHS) out = out.replace(pattern, `$1${CENSOR}`);
  for (const pattern of SECRET_TOKENS) out = out.replace(pattern, CENSOR);
  out = out.replace(AUTH_SCHEME, (_whole, bearer?: string, basic?: string) => `${bearer ?? basic}${CENSOR}`);
  out = out.replace(NAMED_VALUE, (whole, lead: string, name: string, value: string) =>
    value !== '' && isSecretParameter(name) ? `${lead}${name}=${CENSOR}` : whole,
  );
  out = out.replace(QUOTED_VALUE, (whole, head: string, name: string) =>
    isSecretParameter(name) ? `${head}${CENSOR}"` : whole,
  );
  return out === text ? text : out;
}
