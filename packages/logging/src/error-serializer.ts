import { pino } from 'pino';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

// pino's serialized errors inherit from a private prototype and keep the original error under a
// non-enumerable `raw`; copying their own enumerable fields gives plain objects that can be censored
// like any other log field. The `cause` and `aggregateErrors` children are serialized errors too.
function toPlain(serialized: Record<string, unknown>, depth: number): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(serialized)) {
    const value = serialized[key];
    if (key === 'cause' && isObject(value) && depth < MAX_CAUSE_DEPTH) {
      plain[key] = toPlain(value, depth + 1);
    } else if (key === 'aggregateErrors' && Array.isArray(value)) {
      plain[key] = value.map((item: unknown) => (isObject(item) ? toPlain(item, depth + 1) : item));
    } else {
      plain[key] = value;
    }
  }
  return plain;
}

// A cause chain longer than this is a loop in all but name; the rest adds noise, not information.
const MAX_CAUSE_DEPTH = 8;

/**
 * Serializes an error as pino does (`type`, `message`, `stack`, every own enumerable field, the `cause`
 * chain and an AggregateError's `aggregateErrors`) into plain objects, without censoring. Non-errors
 * come back unchanged. Use `errSerializer` from this package for the censored form.
 */
export function plainError(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const serialized: unknown = pino.stdSerializers.errWithCause(value);
  return isObject(serialized) ? toPlain(serialized, 0) : serialized;
}
