// Test helpers: the shipped entity catalog and the fixture and shared-data files, read once.
import { readFileSync } from 'node:fs';
import { loadEntityCatalog } from '@trustwatch/entities';
import { publicDataPath } from '@trustwatch/testing';
import type { InputFile } from '../run-files.js';

export const catalog = loadEntityCatalog();

const fixtures = new URL('../../fixtures/', import.meta.url);

/** A file under services/ingest-supplier/fixtures. */
export function fixture(path: string): InputFile {
  return { name: path, text: readFileSync(new URL(path, fixtures), 'utf8') };
}

/** The real HBOM example from the public test data, unchanged. */
export function realHbom(): InputFile {
  const path = 'cyclonedx/bom-examples/HBOM-PCIe-SATA-adapter-board.bom.json';
  return { name: path, text: readFileSync(publicDataPath(path), 'utf8') };
}

/** A fixture's JSON, to derive a variant from inside one test. */
export function fixtureJson(path: string): Record<string, unknown> {
  return JSON.parse(fixture(path).text) as Record<string, unknown>;
}
