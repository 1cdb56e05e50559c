import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed options (by name) and positionals of one command. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * node:util parseArgs in strict mode, with its errors (unknown option, missing value) turned into a
 * usage error that points at the command's help.
 */
export function parseCommandArgs(command: string, argv: readonly string[], options: Options): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values, positionals };
  } catch (error) {
    // parseArgs' messages already name the option; the rest of its text is advice we replace by the hint.
    const message = error instanceof Error ? (error.message.split('. ')[0] ?? error.message) : String(error);
    throw usageError(message, command);
  }
}

/** A positive number option (`--speed 30`), or the default when absent. */
export function numberOption(command: string, name: string, raw: unknown, fallback: number): number {
  if (raw === undefined) return fallback;
  const text = typeof raw === 'string' ? raw : '';
  const value = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw usageError(`--${name} must be a positive number, got "${text}"`, command);
  }
  return value;
}

/** A repeatable string option as a list. */
export function listOption(raw: unknown): string[] {
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
}
