import { z } from 'zod';
import { YAMLParseError, parse } from 'yaml';
import { AlertingError } from '../errors.js';

/**
 * Parses YAML text and validates it with `schema`; the caller reads the file, so this stays pure.
 * Throws `AlertingError` `CONFIG_SYNTAX` for malformed YAML and `CONFIG_INVALID` naming every bad path.
 * The result is deeply frozen: one configuration object is shared by every evaluation.
 */
export function parseYamlConfig<S extends z.ZodType>(text: string, schema: S, what: string): z.output<S> {
  let raw: unknown;
  try {
    // Duplicate keys are refused instead of silently keeping the last; aliases are refused so a small
    // file cannot expand into a huge one.
    raw = parse(text, { uniqueKeys: true, maxAliasCount: 0 });
  } catch (error) {
    const detail = error instanceof YAMLParseError ? error.message : String(error);
    throw new AlertingError('CONFIG_SYNTAX', `${what} is not valid YAML: ${detail}`, error);
  }
  return validateConfig(raw, schema, what);
}

/** Validates an already-parsed value (e.g. JSON from the API) the same way `parseYamlConfig` does. */
export function validateConfig<S extends z.ZodType>(raw: unknown, schema: S, what: string): z.output<S> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new AlertingError(
      'CONFIG_INVALID',
      `${what} is invalid: ${z.prettifyError(result.error)}`,
      result.error,
    );
  }
  return deepFreeze(result.data);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
