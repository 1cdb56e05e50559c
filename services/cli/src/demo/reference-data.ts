import { readFileSync } from 'node:fs';
import { createEntityCatalog, DEFAULT_CATALOG_PATH, type EntityCatalog } from '@trustwatch/entities';
import { createOutletDirectory, DEFAULT_OUTLETS_PATH, type OutletDirectory } from '@trustwatch/ingest-news';
import { z } from 'zod';
import { demoJson } from './demo-files.js';

const additions = z.looseObject({
  entities: z.array(z.unknown()).optional(),
  outlets: z.array(z.unknown()).optional(),
});

function shipped(path: string): Record<string, unknown> & { entities?: unknown[]; outlets?: unknown[] } {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> & {
    entities?: unknown[];
    outlets?: unknown[];
  };
}

/**
 * The entity catalog shipped with @trustwatch/entities plus the demo's additions (the companies that
 * answered the 2018 allegation): the ingesters resolve every name in the sample data through it.
 */
export function demoCatalog(): EntityCatalog {
  const base = shipped(DEFAULT_CATALOG_PATH);
  const extra = demoJson('entities.json', additions);
  return createEntityCatalog({ ...base, entities: [...(base.entities ?? []), ...(extra.entities ?? [])] });
}

/** The outlet table shipped with ingest-news plus the outlets of the demo timeline. */
export function demoOutlets(): OutletDirectory {
  const base = shipped(DEFAULT_OUTLETS_PATH);
  const extra = demoJson('outlets.json', additions);
  return createOutletDirectory({ ...base, outlets: [...(base.outlets ?? []), ...(extra.outlets ?? [])] });
}
