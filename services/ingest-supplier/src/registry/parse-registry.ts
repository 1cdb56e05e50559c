import { normaliseCountry, type EntityCatalog } from '@trustwatch/entities';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { IngestSupplierError } from '../errors.js';
import { nameOrganisation, normaliseCategory, type FactSnapshot, type SupplierFact } from '../facts.js';
import { assertSize, parseJsonFile } from '../untrusted-json.js';
import { REGISTRY_FIELDS, registryDocumentSchema, registryRowSchema } from './registry-format.js';

/** One registry snapshot file, validated as a whole. */
export interface RegistrySnapshot extends FactSnapshot {
  /** The day the snapshot describes (`YYYY-MM-DD`). */
  readonly asOf: string;
}

export interface ParseRegistryOptions {
  readonly file: string;
  readonly catalog: EntityCatalog;
  /** The snapshot's day for CSV files, which cannot say it themselves; default: the latest effective date. */
  readonly asOf?: string;
}

/** Parses a JSON snapshot `{ "asOf": ..., "entries": [...] }`; errors point at `/entries/<i>/<field>`. */
export function parseRegistryJson(text: string, options: ParseRegistryOptions): RegistrySnapshot {
  const { file } = options;
  const parsed = registryDocumentSchema.safeParse(parseJsonFile(text, file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new IngestSupplierError('REGISTRY_INVALID', issue?.message ?? 'not a registry snapshot', {
      file,
      path: `/${issue?.path.join('/') ?? ''}`,
      cause: parsed.error,
    });
  }
  const facts = parsed.data.entries.map((entry, index) =>
    toFact(entry, options, (field) => `/entries/${index}${field === undefined ? '' : `/${field}`}`),
  );
  return snapshot(facts, parsed.data.asOf, file);
}

/**
 * Parses a CSV snapshot with a header row of the snake_case names in {@link REGISTRY_FIELDS} (any order;
 * unknown columns refused so a typo cannot silently drop a field). Empty cells are absent. Errors point
 * at `line <n>, column <name>`.
 */
export function parseRegistryCsv(text: string, options: ParseRegistryOptions): RegistrySnapshot {
  const { file } = options;
  assertSize(text, file);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // Rows as arrays, not objects: a header cell named `__proto__` must not become an object key.
    // With `info: true` each record comes wrapped with its line count; csv-parse's types do not say so.
    records = parseCsv(text, {
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
    }) as unknown as typeof records;
  } catch (cause) {
    throw new IngestSupplierError('INVALID_CSV', 'not valid CSV', { file, cause });
  }
  const [header, ...rows] = records;
  const columns = header?.record.map((name) => REGISTRY_FIELDS.find((field) => field.csv === name)) ?? [];
  const unknown = columns.findIndex((column) => column === undefined);
  if (header === undefined || unknown >= 0) {
    const name = header?.record[unknown] ?? '';
    throw new IngestSupplierError('REGISTRY_INVALID', header ? `unknown column "${name}"` : 'no header row', {
      file,
      path: 'line 1',
    });
  }
  const facts = rows.map(({ record, info }) => {
    const entry: Record<string, string> = {};
    record.forEach((cell, i) => {
      const column = columns[i];
      if (column !== undefined && cell !== '') entry[column.json] = cell;
    });
    const where = (field?: string): string => {
      const csvName = REGISTRY_FIELDS.find((f) => f.json === field)?.csv;
      return `line ${info.lines}${csvName === undefined ? '' : `, column ${csvName}`}`;
    };
    return toFact(entry, options, where);
  });
  const asOf = options.asOf ?? latestDate(facts);
  if (asOf === undefined || !z.iso.date().safeParse(asOf).success) {
    throw new IngestSupplierError('REGISTRY_INVALID', `needs a valid asOf date, got ${asOf ?? 'none'}`, {
      file,
    });
  }
  return snapshot(facts, asOf, file);
}

function toFact(
  entry: unknown,
  options: ParseRegistryOptions,
  where: (field?: string) => string,
): SupplierFact {
  const { file, catalog } = options;
  const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  // Missing names get their own codes: they are the commonest export mistake and the reader's first question.
  if (!hasText(record['vendor'])) {
    throw new IngestSupplierError('VENDOR_MISSING', 'a row without a vendor', {
      file,
      path: where('vendor'),
    });
  }
  if (!hasText(record['supplier'])) {
    throw new IngestSupplierError('SUPPLIER_NAME_MISSING', 'a row without a supplier name', {
      file,
      path: where('supplier'),
    });
  }
  const parsed = registryRowSchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0];
    throw new IngestSupplierError('REGISTRY_INVALID', issue?.message ?? 'invalid row', {
      file,
      path: where(typeof field === 'string' ? field : undefined),
      cause: parsed.error,
    });
  }
  const row = parsed.data;
  const country = normaliseCountry(row.country);
  if (country === undefined) {
    throw new IngestSupplierError('UNKNOWN_COUNTRY', `"${row.country}" is not a known country`, {
      file,
      path: where('country'),
    });
  }
  const vendor = nameOrganisation(catalog, row.vendor, 'vendor');
  const supplier = nameOrganisation(catalog, row.supplier, 'supplier');
  const category = normaliseCategory(row.componentCategory);
  if (category === '') {
    throw new IngestSupplierError('REGISTRY_INVALID', 'a component category needs letters or digits', {
      file,
      path: where('componentCategory'),
    });
  }
  return {
    vendorId: vendor.id,
    vendorName: vendor.name,
    supplierId: supplier.id,
    supplierName: supplier.name,
    componentCategory: category,
    country,
    effectiveDate: row.effectiveDate,
    ...(row.facility === undefined ? {} : { facility: row.facility }),
    ...(row.sourceUrl === undefined ? {} : { sourceUrl: row.sourceUrl }),
  };
}

function hasText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function latestDate(facts: readonly SupplierFact[]): string | undefined {
  return facts.reduce<string | undefined>(
    (latest, fact) =>
      fact.effectiveDate !== undefined && (latest === undefined || fact.effectiveDate > latest)
        ? fact.effectiveDate
        : latest,
    undefined,
  );
}

function snapshot(facts: SupplierFact[], asOf: string, file: string): RegistrySnapshot {
  // The file's own name, not its path: events leave this host and paths say nothing to their readers.
  const reference = (file.split(/[\\/]/).pop() ?? file).slice(-256);
  return { file, facts, asOf, effectiveDate: asOf, source: { kind: 'registry', reference } };
}
