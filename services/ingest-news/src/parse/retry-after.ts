/**
 * The wait a `Retry-After` header asks for, in milliseconds from `now`: either delay-seconds or an
 * HTTP date (RFC 9110 section 10.2.3). Undefined when absent or unreadable, so the caller falls back to
 * its own backoff; a date in the past is a wait of zero.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only an IMF-fixdate (or its obsolete forms) is an HTTP date; Date.parse would also accept "5 days".
  if (!/^[A-Za-z]{3},? /.test(text) && !/^[A-Za-z]+day, /.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
