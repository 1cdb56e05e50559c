// Words and numbers as a non-engineer reads them: scores with their band, times both relative and exact.

/** The band a score is in, in plain words; the engine's band (a policy threshold name) or "good". */
export function bandLabel(band: string | null): string {
  return band ?? 'good';
}

/** "62, watch": the score rounded to a whole point, then its band. */
export function scoreWithBand(score: number, band: string | null): string {
  return `${String(Math.round(score))}, ${bandLabel(band)}`;
}

/** A CSS class per band so colour is never the only signal (the words are always shown too). */
export function bandClass(band: string | null): string {
  return `band band-${(band ?? 'good').replace(/[^a-z0-9-]/gi, '').toLowerCase()}`;
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 hours ago", "in 2 days", "just now". */
export function relativeTime(iso: string, now: number, locale?: string): string {
  const delta = Date.parse(iso) - now;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(delta) >= ms) return format.format(Math.round(delta / ms), unit);
  }
  return 'just now';
}

/** "24 Nov 2026, 21:30" in the reader's locale and time zone (or the given ones). */
export function absoluteTime(iso: string, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(new Date(iso));
}

/** "−20" or "+5": how far a score moved, with a real minus sign. */
export function signedPoints(delta: number): string {
  const rounded = Math.round(delta);
  if (rounded === 0) return '±0';
  return rounded > 0 ? `+${String(rounded)}` : `−${String(-rounded)}`;
}

/** A factor kind as words: `firmware_unknown_build` -> "Firmware unknown build". */
export function kindLabel(kind: string): string {
  const words = kind.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Only web links are rendered as links: evidence URLs come from outside and could be `javascript:`. */
export function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
