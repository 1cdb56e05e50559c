import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './errors.js';

/** The environment record Node gives a process, or any record of the same shape (tests pass their own). */
export type Env = Readonly<Record<string, string | undefined>>;

/** A schema over the whole environment, or named sections, each a schema over the whole environment. */
export type ConfigSchema = z.ZodType | Readonly<Record<string, z.ZodType>>;

/** The output of a schema, or of each section. */
export type ConfigOf<S extends ConfigSchema> = S extends z.ZodType
  ? z.output<S>
  : { [K in keyof S]: S[K] extends z.ZodType ? z.output<S[K]> : never };

/** Deeply read-only: what {@link loadConfig} returns, enforced at run time by `Object.freeze`. */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

function isSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

// An empty variable (`FOO=` in a .env file or compose file) means "not set", so defaults apply.
function withoutEmpty(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
}

function toIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((issue) => ({
    variable: typeof issue.path[0] === 'string' ? issue.path[0] : '(environment)',
    // A missing variable reaches zod as undefined; say so plainly instead of "expected string".
    problem:
      issue.code === 'invalid_type' && issue.message.includes('undefined') ? 'required' : issue.message,
  }));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Validates the environment once, at start-up. Throws a {@link ConfigError} listing every bad variable
 * (name and problem, never a value) so one restart fixes them all; returns a deep-frozen typed object
 * that `main.ts` passes down, so nothing else reads the environment.
 *
 * @example
 * // in a service's config.ts, the one file that reads the environment:
 * const config = loadConfig({ kafka: kafkaSection(), log: loggingSection() }, environment);
 */
export function loadConfig<S extends ConfigSchema>(schema: S, env: Env): DeepReadonly<ConfigOf<S>> {
  const input = withoutEmpty(env);
  const sections: [string | undefined, z.ZodType][] = isSchema(schema)
    ? [[undefined, schema]]
    : Object.entries(schema);
  const issues: ConfigIssue[] = [];
  const output: Record<string, unknown> = {};
  let whole: unknown;
  for (const [name, section] of sections) {
    const result = section.safeParse(input);
    if (!result.success) issues.push(...toIssues(result.error));
    else if (name === undefined) whole = result.data;
    else output[name] = result.data;
  }
  // Two sections may read the same variable (a shared secret): report it once.
  const unique = new Map(issues.map((issue) => [`${issue.variable}\n${issue.problem}`, issue]));
  if (unique.size > 0) throw new ConfigError([...unique.values()]);
  return deepFreeze(isSchema(schema) ? whole : output) as DeepReadonly<ConfigOf<S>>;
}
