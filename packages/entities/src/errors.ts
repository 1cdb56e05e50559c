import { TrustwatchError } from '@trustwatch/schemas';

/**
 * Every way building an entity catalog can fail. None is retriable: a catalog is data edited by
 * people, and only an edit fixes it.
 */
export const ENTITY_ERROR_CODES = [
  'CATALOG_INVALID',
  'DUPLICATE_ID',
  'DUPLICATE_ALIAS',
  'AMBIGUOUS_ALIAS',
  'CATALOG_UNREADABLE',
] as const;
export type EntityErrorCode = (typeof ENTITY_ERROR_CODES)[number];

/** The one error class of this package; `path` points into the catalog data (`entities.3.aliases.1`). */
export class EntityError extends TrustwatchError<EntityErrorCode> {
  /** Where in the catalog data the problem is, as a dotted path; empty for the whole document. */
  readonly path: string;

  constructor(code: EntityErrorCode, message: string, options: { path?: string; cause?: unknown } = {}) {
    super(code, message, { retriable: false, cause: options.cause });
    this.path = options.path ?? '';
  }
}
