/**
 * Reads `Retry-After` (RFC 9110 10.2.3): delay-seconds or an HTTP-date. Returns ms from `now`, or
 * undefined when absent or unreadable. Bounded by the caller, so a hostile `Retry-After: 1e9` cannot park
 * a delivery for ever.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === '') return undefined;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
