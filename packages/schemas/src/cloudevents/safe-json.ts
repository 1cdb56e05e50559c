import { SchemaError } from '../errors.js';

/** Keys that would reach an object's prototype chain if the value were ever merged or spread. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * JSON.parse that refuses prototype-polluting keys anywhere in the document. Events are untrusted input;
 * rejecting such keys outright is clearer than silently dropping them.
 */
export function parseUntrustedJson(text: string): unknown {
  let forbidden: string | undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) forbidden ??= key;
      return value;
    });
  } catch (error) {
    throw new SchemaError('INVALID_JSON', `value is not valid JSON: ${(error as Error).message}`, error);
  }
  if (forbidden !== undefined) {
    throw new SchemaError('FORBIDDEN_KEY', `value contains the forbidden key "${forbidden}"`);
  }
  return parsed;
}
