import { readFile } from 'node:fs/promises';
import { parseRules, type RuleFile } from '@trustwatch/alerting';
import { CliError } from '../errors.js';

/**
 * The rules shipped with @trustwatch/alerting. Its package exports no file path, so the file is found
 * relative to this one, which sits one level under the CLI's src/ and dist/ alike.
 */
export const DEFAULT_RULES_URL = new URL(
  '../../../../packages/alerting/config/default.rules.yaml',
  import.meta.url,
);

/**
 * Reads and validates an alert rules file (the shipped default when no path is given), so that a bad
 * `--rules` file fails before a replay starts, with a hint; the alerter then reads the same file.
 */
export async function loadRules(path: string | URL = DEFAULT_RULES_URL): Promise<RuleFile> {
  try {
    return parseRules(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new CliError(
      'INPUT_INVALID',
      `cannot use the alert rules at ${String(path)}`,
      'check the file against packages/alerting/config/default.rules.yaml',
      cause,
    );
  }
}
