// The replay command's file readers: every input is read and validated whole before anything runs.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { decodeEvent, decodeStructured, type TrustwatchEvent } from '@trustwatch/schemas';
import type { FleetSource } from '@trustwatch/store';
import { CliError } from '../errors.js';

/** Reads a whole input file as text; a missing or unreadable file is a one-line error naming it. */
export async function readInput(path: string): Promise<string> {
  return (await readInputBytes(path)).toString('utf8');
}

/** Reads a whole input file as bytes (for documents that declare their own charset). */
export async function readInputBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    throw new CliError(
      'INPUT_UNREADABLE',
      `cannot read ${path}`,
      'check the path and that the file is readable',
      cause,
    );
  }
}

/**
 * Decodes NDJSON of structured CloudEvents (one per line, blank lines ignored) into validated events of
 * the documented types. The first bad line stops the replay, with its line number.
 */
export function parseEventLines(text: string, file: string): TrustwatchEvent[] {
  const events: TrustwatchEvent[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      events.push(decodeEvent(decodeStructured(line)));
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
      throw new CliError(
        'INPUT_INVALID',
        `${file} line ${index + 1}: ${reason ?? 'not a CloudEvent'}`,
        'each line must be one structured CloudEvent (JSON) of a documented com.trustwatch type',
        cause,
      );
    }
  });
  return events;
}

/** A fleet to import: the customer it belongs to and the file's parsed content. */
export interface FleetInput {
  readonly customerId: string;
  readonly source: FleetSource;
}

/**
 * Reads `--fleet` arguments: `customer=path`, or just `path` (the customer id is the file name without
 * extension). `.csv` is the simple CSV format; JSON is a CycloneDX BOM when it says so, else the simple
 * JSON format.
 */
export async function readFleet(argument: string): Promise<FleetInput> {
  const split = argument.indexOf('=');
  const path = split > 0 ? argument.slice(split + 1) : argument;
  const customerId = split > 0 ? argument.slice(0, split) : basename(path, extname(path));
  return { customerId, source: fleetSource(await readInput(path), path) };
}

/** The fleet formats a file may be in. */
export type FleetFormat = FleetSource['format'];

/**
 * Parses a fleet file's text in the given format, or guesses it: `.csv` is the simple CSV format; JSON
 * is a CycloneDX BOM when it says so (`bomFormat`), else the simple JSON format.
 */
export function fleetSource(text: string, path: string, format?: FleetFormat): FleetSource {
  if (format === 'csv' || (format === undefined && extname(path).toLowerCase() === '.csv'))
    return { format: 'csv', text };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    throw new CliError(
      'INPUT_INVALID',
      format === undefined ? `${path} is neither CSV nor JSON` : `${path} is not JSON`,
      'fleet files are .csv, simple JSON or CycloneDX JSON',
      cause,
    );
  }
  if (format !== undefined) return { format, document };
  const cyclonedx = typeof document === 'object' && document !== null && 'bomFormat' in document;
  return cyclonedx ? { format: 'cyclonedx', document } : { format: 'json', document };
}
