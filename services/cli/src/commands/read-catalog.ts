import { loadEntityCatalog, type EntityCatalog } from '@trustwatch/entities';
import { CliError } from '../errors.js';

/** The shipped entity catalog, or the one a file names (`--catalog`, ENTITY_CATALOG_FILE), validated whole. */
export function readCatalog(raw: unknown): EntityCatalog {
  if (typeof raw !== 'string') return loadEntityCatalog();
  try {
    return loadEntityCatalog(raw);
  } catch (cause) {
    // The catalog loader's messages start with the file name.
    const reason = cause instanceof Error ? (cause.message.split('\n')[0] ?? '') : String(cause);
    throw new CliError(
      'INPUT_INVALID',
      `invalid entity catalog: ${reason}`,
      'check the file against packages/entities/catalog/entities.json ({"entities":[{"id","kind","name","aliases"}]})',
      cause,
    );
  }
}
