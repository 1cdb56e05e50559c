import { TrustwatchError } from '@trustwatch/schemas';

export const CONFIG_ERROR_CODES = ['INVALID_CONFIG'] as const;
export type ConfigErrorCode = (typeof CONFIG_ERROR_CODES)[number];

/** One bad variable: its name and what is wrong with it. Never carries the value (it may be a secret). */
export interface ConfigIssue {
  readonly variable: string;
  readonly problem: string;
}

/**
 * The environment does not describe a runnable process. Not retriable: the same environment fails the
 * same way, so the process should exit and tell the operator every variable to fix at once.
 */
export class ConfigError extends TrustwatchError<ConfigErrorCode> {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.variable}: ${issue.problem}`);
    const noun = issues.length === 1 ? 'problem' : 'problems';
    super('INVALID_CONFIG', `Invalid configuration (${issues.length} ${noun}):\n${lines.join('\n')}`, {
      retriable: false,
    });
    this.issues = Object.freeze([...issues]);
  }
}
