import { z } from 'zod';
import { readTextFile } from './env.js';

/** Options of {@link secretFromEnv} and {@link resolveSecret}. */
export interface SecretOptions {
  /** When false, neither `NAME` nor `NAME_FILE` being set is fine (the result is undefined). Default true. */
  readonly required?: boolean;
}

/** The two variables a secret may come from, to spread into a `z.object` shape. */
export function secretFields<N extends string>(name: N): Record<N | `${N}_FILE`, z.ZodOptional<z.ZodString>> {
  return { [name]: z.string().optional(), [`${name}_FILE`]: z.string().optional() } as Record<
    N | `${N}_FILE`,
    z.ZodOptional<z.ZodString>
  >;
}

/** The variables a secret named `N` is read from, as parsed by {@link secretFields}. */
export type SecretVars<N extends string> = { readonly [K in N | `${N}_FILE`]?: string | undefined };

/**
 * Resolves a secret from `NAME` or from the file named by `NAME_FILE` (the Docker/Kubernetes secrets
 * convention, which keeps the value out of the process environment). Setting both is an error because
 * the operator cannot tell which one wins. One trailing newline in the file is dropped: editors add it.
 * Problems are reported on `ctx` by variable name; the value itself never reaches a message.
 */
export function resolveSecret<N extends string>(
  env: SecretVars<N>,
  name: N,
  ctx: z.RefinementCtx,
  options: SecretOptions = {},
): string | undefined {
  const fileVar: `${N}_FILE` = `${name}_FILE`;
  const direct: string | undefined = env[name];
  const file: string | undefined = env[fileVar];
  if (direct !== undefined && file !== undefined) {
    ctx.addIssue({ code: 'custom', path: [name], message: `set either ${name} or ${fileVar}, not both` });
    return undefined;
  }
  if (file !== undefined) {
    const read = readTextFile(file);
    if (!read.ok) {
      ctx.addIssue({ code: 'custom', path: [fileVar], message: read.problem });
      return undefined;
    }
    const text = read.text.replace(/\r?\n$/, '');
    if (text.length === 0) ctx.addIssue({ code: 'custom', path: [fileVar], message: 'the file is empty' });
    return text;
  }
  if (direct === undefined && (options.required ?? true)) {
    ctx.addIssue({ code: 'custom', path: [name], message: `required (or set ${fileVar})` });
  }
  return direct;
}

/** A config section holding one secret, e.g. `{ token: secretFromEnv('ALERT_WEBHOOK_TOKEN') }`. */
export function secretFromEnv<N extends string>(name: N, options: SecretOptions = {}) {
  return z
    .object(secretFields(name))
    .transform((env, ctx): string | undefined => resolveSecret<N>(env as SecretVars<N>, name, ctx, options));
}
