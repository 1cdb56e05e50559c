// Shared test wiring: the shipped entity catalog plus the customers named in DOMAIN.md's story.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { publicDataPath } from '@trustwatch/testing';
import { createEntityCatalog, DEFAULT_CATALOG_PATH, type EntityCatalog } from '@trustwatch/entities';
import { ClaimLedger } from '../credibility/claim-ledger.js';
import { loadLexicon, loadOutletDirectory } from '../data-files.js';
import type { StoryClassifierDeps } from '../understand/classify-story.js';

/** The service's fixtures folder. */
export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
/** The real public test data folder, with a trailing separator so paths can be appended. */
export const SHARED_DATA = `${publicDataPath()}/`;

export function fixture(name: string): Uint8Array {
  return readFileSync(`${FIXTURES}${name}`);
}

/**
 * The shipped catalog plus Apple and Amazon, which DOMAIN.md's story names as affected customers who
 * issued denials; the shipped catalog lists vendors and suppliers only.
 */
export function testCatalog(): EntityCatalog {
  const shipped = JSON.parse(readFileSync(DEFAULT_CATALOG_PATH, 'utf8')) as { entities: unknown[] };
  return createEntityCatalog({
    ...shipped,
    entities: [
      ...shipped.entities,
      {
        id: 'vendor:apple',
        kind: 'vendor',
        name: 'Apple Inc.',
        aliases: [{ text: 'Apple', caseSensitive: true }],
      },
      {
        id: 'vendor:amazon',
        kind: 'vendor',
        name: 'Amazon.com, Inc.',
        aliases: [{ text: 'Amazon', caseSensitive: true }, 'Amazon Web Services', 'AWS'],
      },
      {
        id: 'vendor:elemental',
        kind: 'vendor',
        name: 'Elemental Technologies',
        aliases: [{ text: 'Elemental', caseSensitive: true }],
      },
    ],
  });
}

let lexicon: StoryClassifierDeps['lexicon'] | undefined;

/** Fresh classifier dependencies (a new ledger each call); the lexicon is compiled once per file. */
export function classifierDeps(): StoryClassifierDeps {
  lexicon ??= loadLexicon();
  return { catalog: testCatalog(), lexicon, ledger: new ClaimLedger() };
}

export const outlets = loadOutletDirectory;
