import { readFile } from 'node:fs/promises';
import { DEFAULT_POLICY_URL, parsePolicy, type Policy } from '@trustwatch/scoring';
import { EngineError } from './errors.js';

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
