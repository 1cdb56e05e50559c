import { plainError } from './error-serializer.js';
import { CENSOR, scrubText } from './secret-text.js';

/**
 * Paths handed to pino's own redaction (fast, compiled once): the places secrets are known to sit.
 * `*.key` covers one level below the log object; {@link censorSecrets} covers any depth and arrays.
 */
export const REDACT_PATHS: readonly string[] = [
  'password',
  '*.password',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
  'webhookUrl',
  '*.webhookUrl',
  'sasl',
  '*.sasl',
  'redisUrl',
  '*.redisUrl',
  'routingKey',
  '*.routingKey',
  'routing_key',
  '*.routing_key',
  'authorization',
  'cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'config.kafka.sasl',
  'config.kafka.sasl.password',
  'config.redis.url',
];

// Keys whose value is a secret wherever they appear. Over-redacting a harmless field costs a debugging
// detour; under-redacting leaks a credential into every log sink, so the list errs wide.
const SECRET_KEY =
  /password|passwd|passphrase|^pass$|secret|token|api[-_]?key|authorization|cookie|webhook[-_]?url|^sasl$|credential|private[-_]?key|redis[-_]?url|connection[-_]?string|^dsn$|routing[-_]?key|integration[-_]?key|service[-_]?key|signing[-_]?key|[-_]signature/i;

/** True when a value stored under this key is treated as a secret. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

const MAX_DEPTH = 10;

/**
 * Copy-on-write deep censor, in plain objects and arrays at any depth (pino paths only reach fixed
 * depths): values under secret keys become {@link CENSOR}, strings go through {@link scrubText}, and
 * errors become plain objects (message, stack, own fields, cause chain) censored the same way. Other
 * objects (buffers, dates) pass through. Unchanged input is returned as is, so the common case
 * allocates nothing.
 */
export function censorSecrets<T>(value: T, depth = 0, seen: WeakSet<object> = new WeakSet()): T {
  if (typeof value === 'string') return scrubText(value) as T;
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH || seen.has(value)) return value;
  seen.add(value);
  // An error's message and stack quote whatever failed, connection strings included.
  if (value instanceof Error) return censorSecrets(plainError(value), depth, seen) as T;
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    const mapped = items.map((item) => censorSecrets(item, depth + 1, seen));
    return (mapped.some((item, index) => item !== items[index]) ? mapped : value) as T;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, child] of Object.entries(value)) {
    const next = isSecretKey(key) && child !== undefined ? CENSOR : censorSecrets(child, depth + 1, seen);
    if (next !== child) {
      copy ??= { ...value };
      copy[key] = next;
    }
  }
  return (copy ?? value) as T;
}

/**
 * The `err` serializer of {@link createLogger}: pino's own error serialization with the cause chain
 * kept as nested objects, then censored like every other field, so credentials quoted in a message, a
 * stack line or a cause never reach the output. Non-errors are censored as plain values.
 */
export function errSerializer(value: unknown): unknown {
  return censorSecrets(value);
}
