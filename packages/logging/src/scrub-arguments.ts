import format from 'quick-format-unescaped';
import { censorSecrets } from './redaction.js';
import { scrubText } from './secret-text.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

// pino falls back to the error's raw message when a line has none: supply a scrubbed one instead.
function fallbackMessage(object: Record<string, unknown>): string | undefined {
  if (object['msg'] !== undefined) return undefined;
  const err = object['err'];
  return isRecord(err) && typeof err['message'] === 'string' ? scrubText(err['message']) : undefined;
}

// Interpolated values are censored, and the message is formatted here (as pino would) and scrubbed
// whole: `'token=%s'` with `'abc'` only becomes a secret once the two are joined.
function formatMessage(template: unknown, params: unknown[]): unknown {
  if (typeof template !== 'string') return template;
  if (params.length === 0) return scrubText(template);
  const values = params.map((param) => censorSecrets(param));
  const text = format(template, values);
  return typeof text === 'string' ? scrubText(text) : text;
}

/**
 * Rewrites the arguments of a pino log call so the message cannot carry a secret: a leading error
 * becomes `{ err }`, the message (given, or taken from `err.message`) is formatted and scrubbed, and
 * interpolation values are censored. The merging object itself is left to the `log` formatter.
 */
export function scrubLogArguments(args: readonly unknown[]): unknown[] {
  const [first, ...rest] = args;
  if (first instanceof Error) {
    const [template, ...params] = rest;
    return [
      { err: first },
      template === undefined ? scrubText(first.message) : formatMessage(template, params),
    ];
  }
  if (isRecord(first)) {
    const [template, ...params] = rest;
    if (template === undefined) {
      const message = fallbackMessage(first);
      return message === undefined ? [first] : [first, message];
    }
    return [first, formatMessage(template, params)];
  }
  const [template, ...params] = args;
  return [formatMessage(template, params)];
}
