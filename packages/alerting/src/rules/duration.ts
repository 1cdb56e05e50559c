import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;
const DURATION = /^(\d{1,9})(ms|s|m|h|d)$/;
// A week bounds every interval: a longer repeat or window means the alert is not being watched.
const MAX_DURATION_MS = 7 * UNIT_MS.d;

/** Milliseconds from an Alertmanager-style duration (`10s`, `5m`, `4h`, `1d`); `undefined` if malformed. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (match === null) return undefined;
  const [, amount, unit] = match;
  return Number(amount) * UNIT_MS[unit as Unit];
}

/** A duration string in a config file, validated and turned into milliseconds (at most a week). */
export const durationSchema = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0 || ms > MAX_DURATION_MS) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a positive duration of at most 7d, e.g. 30s, 5m, 4h',
    });
    return z.NEVER;
  }
  return ms;
});
