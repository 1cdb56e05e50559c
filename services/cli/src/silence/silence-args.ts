import { compileMatcher, parseMatcher, type Matcher } from '@trustwatch/alerting';
import { usageError } from '../errors.js';

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/**
 * `--ends`: a duration from now (`2h`, `1d12h`, `90m`; units s, m, h, d, w) or an ISO 8601 instant
 * with a zone. Returns the end in ms.
 */
export function parseEnds(text: string, now: number): number {
  if (/^(\d+[smhdw])+$/.test(text)) {
    let total = 0;
    for (const [, amount = '0', unit = 's'] of text.matchAll(/(\d+)([smhdw])/g)) {
      total += Number(amount) * (UNIT_MS[unit] ?? 0);
    }
    if (total > 0) return now + total;
  }
  if (/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const at = Date.parse(text);
    if (Number.isFinite(at)) return at;
  }
  throw usageError(
    `--ends must be a duration (2h, 1d12h; units s m h d w) or an ISO 8601 time with a zone, got "${text}"`,
    'silence',
  );
}

const SHAPE = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)(.*)$/s;

/**
 * `--matcher`: `label=value`, `label!=value`, `label=~regex`, `label!~regex`, the value quoted or not
 * (Alertmanager's `name="value"` form is accepted as is). Regexes are checked for safety.
 */
export function parseMatcherArgument(text: string): Matcher {
  const shape = SHAPE.exec(text);
  if (shape === null) {
    throw usageError(`--matcher must look like label=value (or !=, =~, !~), got "${text}"`, 'silence');
  }
  const [, name = '', op = '=', value = ''] = shape;
  const quoted = /^\s*".*"\s*$/s.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
  try {
    const matcher = parseMatcher(`${name}${op}${quoted}`);
    // Compiling checks the regex for catastrophic backtracking now rather than in the alerter.
    compileMatcher(matcher);
    return matcher;
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw usageError(`--matcher "${text}": ${reason}`, 'silence');
  }
}
