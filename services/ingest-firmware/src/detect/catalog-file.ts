import { parseUntrustedJson } from '@trustwatch/schemas';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { IngestFirmwareError } from '../errors.js';
import { catalogSchema, type Catalog } from './catalog.js';

/** The CSV columns, in any order; `vendor`, `component` and `version` are required, empty cells mean absent. */
export const CATALOG_CSV_COLUMNS = [
  'vendor',
  'model',
  'component',
  'componentId',
  'version',
  'softwareId',
  'hashAlgorithm',
  'hash',
  'source',
] as const;

/** Parses and validates a JSON catalog file (`{ "entries": [...] }`); throws `CATALOG_INVALID`. */
export function parseCatalogJson(text: string): Catalog {
  let value: unknown;
  try {
    value = parseUntrustedJson(text);
  } catch (error) {
    throw new IngestFirmwareError('CATALOG_INVALID', 'catalog is not valid JSON', { cause: error });
  }
  return validate(value);
}

/** Parses and validates a CSV catalog file with a header row naming `CATALOG_CSV_COLUMNS`; throws `CATALOG_INVALID`. */
export function parseCatalogCsv(text: string): Catalog {
  let rows: string[][];
  try {
    // Rows as arrays, not objects: a header cell named `__proto__` must not become an object key.
    rows = parseCsv(text, { skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new IngestFirmwareError('CATALOG_INVALID', 'catalog is not valid CSV', { cause: error });
  }
  const [header = [], ...body] = rows;
  const known = new Set<string>(CATALOG_CSV_COLUMNS);
  for (const column of header) {
    if (!known.has(column))
      throw new IngestFirmwareError('CATALOG_INVALID', `catalog has an unknown column "${column}"`);
  }
  const entries = body.map((row) => {
    const cells = new Map(header.map((column, index) => [column, row[index] ?? '']));
    const entry = new Map<string, unknown>();
    for (const [column, cell] of cells) {
      if (cell !== '' && column !== 'hashAlgorithm' && column !== 'hash') entry.set(column, cell);
    }
    const algorithm = cells.get('hashAlgorithm') ?? '';
    const hash = cells.get('hash') ?? '';
    if (algorithm !== '' || hash !== '') entry.set('hash', { algorithm, value: hash });
    return Object.fromEntries(entry);
  });
  return validate({ entries });
}

function validate(value: unknown): Catalog {
  const result = catalogSchema.safeParse(value);
  if (!result.success) {
    throw new IngestFirmwareError('CATALOG_INVALID', `catalog is invalid: ${z.prettifyError(result.error)}`, {
      cause: result.error,
    });
  }
  return result.data;
}
