import { readFile } from 'node:fs/promises';
import { parsePolicy, type Policy } from '@trustwatch/scoring';
import { EngineError } from './errors.js';

/**
 * The policy file shipped with @trustwatch/scoring. Its package exports no file path, so it is found
 * relative to this file, which sits one level under the service root in both src/ and dist/.
 */
export const DEFAULT_POLICY_URL = new URL(
  '../../../packages/scoring/policy/default.policy.yaml',
  import.meta.url,
);

/** Reads and validates a scoring policy file (the shipped default when no path is given). */
export async function loadPolicy(path: string | URL = DEFAULT_POLICY_URL): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new EngineError('POLICY_UNREADABLE', `cannot read the scoring policy at ${String(path)}`, cause);
  }
  try {
    return parsePolicy(text);
  } catch (cause) {
    throw new EngineError('POLICY_UNREADABLE', `the scoring policy at ${String(path)} is invalid`, cause);
  }
}
