import { parseYamlConfig } from './parse-yaml.js';
import { ruleFileSchema, type RuleFile } from './rule-schema.js';

/**
 * Parses and validates an alert rule file (YAML; JSON is valid YAML too). Throws `AlertingError`
 * `CONFIG_SYNTAX` or `CONFIG_INVALID`. The caller reads the file (e.g. `config/default.rules.yaml`).
 */
export function parseRules(text: string): RuleFile {
  return parseYamlConfig(text, ruleFileSchema, 'alert rule file');
}
