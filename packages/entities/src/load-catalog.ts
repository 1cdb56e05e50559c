// The one file of this package that does I/O: reading catalog files. Matching itself stays pure.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEntityCatalog, type EntityCatalog } from './create-catalog.js';
import { EntityError } from './errors.js';

/** The catalog shipped with this package; resolved from src/ and dist/ alike. */
export const DEFAULT_CATALOG_PATH = fileURLToPath(new URL('../catalog/entities.json', import.meta.url));

/** Reads and validates a JSON catalog file; errors carry the file name in their message. */
export function loadEntityCatalog(path: string = DEFAULT_CATALOG_PATH): EntityCatalog {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new EntityError('CATALOG_UNREADABLE', `cannot read entity catalog ${path}`, { cause });
  }
  try {
    return createEntityCatalog(data);
  } catch (error) {
    if (!(error instanceof EntityError)) throw error;
    throw new EntityError(error.code, `${path}: ${error.message}`, { path: error.path, cause: error });
  }
}
