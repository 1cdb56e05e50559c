import { z } from 'zod';
import { YAMLParseError, parse } from 'yaml';
import { ScoringError } from '../errors.js';
import { policySchema, type Policy } from './policy-schema.js';

/**
 * Parses and validates a scoring policy from YAML text (the caller reads the file, so this stays pure).
 * Throws `ScoringError` `POLICY_SYNTAX` for malformed YAML and `POLICY_INVALID` naming every bad path.
 * The result is deeply frozen: one policy object is shared by every score computed under it.
 */
export function parsePolicy(text: string): Policy {
  let raw: unknown;
  try {
    // `uniqueKeys` (the default) rejects a duplicated key instead of silently keeping the last one.
    raw = parse(text, { uniqueKeys: true, maxAliasCount: 0 });
  } catch (error) {
    const detail = error instanceof YAMLParseError ? error.message : String(error);
    throw new ScoringError('POLICY_SYNTAX', `scoring policy is not valid YAML: ${detail}`, error);
  }
  const result = policySchema.safeParse(raw);
  if (!result.success) {
    throw new ScoringError(
      'POLICY_INVALID',
      `scoring policy is invalid: ${z.prettifyError(result.error)}`,
      result.error,
    );
  }
  return deepFreeze(result.data);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
