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

/** An instant option (`--at 2018-10-04T12:00:00Z`, or a date, taken as midnight UTC) in ms, or the fallback. */
export function instantOption(command: string, name: string, raw: unknown, fallback: number): number {
  if (raw === undefined) return fallback;
  const text = typeof raw === 'string' ? raw : '';
  // A bare date would be read as UTC by Date.parse anyway; a date-time without zone would be local time.
  const dated = /^\d{4}-\d{2}-\d{2}$/.test(text) || /(Z|[+-]\d{2}:\d{2})$/.test(text);
  const value = dated ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(value)) {
    throw usageError(`--${name} must be an ISO 8601 date or date-time with a zone, got "${text}"`, command);
  }
  return value;
}

/** A whole-number option within bounds (`--limit 20`), or the default when absent. */
export function integerOption(
  command: string,
  name: string,
  raw: unknown,
  bounds: { min: number; max: number; fallback: number },
): number {
  if (raw === undefined) return bounds.fallback;
  const text = typeof raw === 'string' ? raw : '';
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= bounds.min && value <= bounds.max)) {
    throw usageError(`--${name} must be a whole number ${bounds.min}..${bounds.max}, got "${text}"`, command);
  }
  return value;
}

/** Exactly one positional argument, named in the error when missing or when more were given. */
export function onePositional(command: string, what: string, positionals: readonly string[]): string {
  const [first, ...extra] = positionals;
  if (first === undefined) throw usageError(`${command} needs a ${what}`, command);
  if (extra.length > 0)
    throw usageError(`${command} takes one ${what}, got also "${extra.join(' ')}"`, command);
  return first;
}
