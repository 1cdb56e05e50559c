import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** An optional flag variable: `true`/`false`/`1`/`0`/`yes`/`no` (any case); anything else is an error. */
export function envFlagOptional() {
  return z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' }))
    .transform((text) => text === 'true' || text === '1' || text === 'yes')
    .optional();
}

/** A flag variable with a default; a typo is an error rather than a silent `false`. */
export function envFlag(defaultValue: boolean) {
  return envFlagOptional().transform((flag) => flag ?? defaultValue);
}

/** A comma-separated list; blanks around items and empty items are dropped. */
export function envList<T>(item: z.ZodType<T, string>) {
  return z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(item).min(1, { error: 'must list at least one item' }));
}

/** Why a file named by a `*_FILE` variable could not be read, without echoing its content. */
export type FileRead = { ok: true; text: string } | { ok: false; problem: string };

/** Reads a small text file named by a variable (a secret, a CA bundle). Errors name the cause, not data. */
export function readTextFile(path: string): FileRead {
  try {
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return { ok: false, problem: `cannot read file ${path} (${code})` };
  }
}
