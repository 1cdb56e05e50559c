// The one file of this service's core that reads files: the operator-editable lexicon and outlet table.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createOutletDirectory, type OutletDirectory } from './credibility/outlets.js';
import { IngestNewsError } from './errors.js';
import { compileLexicon, type Lexicon } from './understand/lexicon.js';

/** The lexicon shipped with the service; resolved from src/ and dist/ alike. */
export const DEFAULT_LEXICON_PATH = fileURLToPath(new URL('../data/claim-lexicon.json', import.meta.url));
/** The outlet reliability table shipped with the service. */
export const DEFAULT_OUTLETS_PATH = fileURLToPath(
  new URL('../data/outlet-reliability.json', import.meta.url),
);

function readData<T>(path: string, build: (data: unknown) => T): T {
  try {
    return build(JSON.parse(readFileSync(path, 'utf8')));
  } catch (cause) {
    throw new IngestNewsError('DATA_FILE_INVALID', `cannot use data file ${path}`, { source: path, cause });
  }
}

/** Reads and compiles a claim lexicon file (default: the shipped one). */
export function loadLexicon(path: string = DEFAULT_LEXICON_PATH): Lexicon {
  return readData(path, compileLexicon);
}

/** Reads and validates an outlet reliability table (default: the shipped one). */
export function loadOutletDirectory(path: string = DEFAULT_OUTLETS_PATH): OutletDirectory {
  return readData(path, createOutletDirectory);
}
