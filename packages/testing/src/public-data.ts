import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './launchers.js';

/** The variable that points tests at the public test data folder when it lives elsewhere. */
export const PUBLIC_DATA_VARIABLE = 'TRUSTWATCH_PUBLIC_DATA';

// In order: an explicit location, a copy vendored into the repository, the folder next to the checkout.
function candidates(env: Readonly<Record<string, string | undefined>>): string[] {
  const explicit = env[PUBLIC_DATA_VARIABLE];
  return [
    ...(explicit === undefined || explicit === '' ? [] : [resolve(explicit)]),
    join(REPO_ROOT, 'fixtures', 'public-data'),
    resolve(REPO_ROOT, '..', 'shared', 'data'),
  ];
}

/**
 * Path of a file or folder in the real public test data (DMTF Redfish mockups, Supermicro service
 * roots, CycloneDX, STIX, MISP taxonomies, CVE records; each folder has a SOURCE.md). One resolver,
 * so tests do not hard-code `../../../../shared/data` and the data can move in one place. Throws,
 * naming every place it looked, when the data is missing: a test must fail, not skip, without it.
 *
 * @example readFileSync(publicDataPath('cve-records', 'CVE-2024-10237.json'), 'utf8')
 */
export function publicDataPath(...segments: string[]): string {
  const places = candidates(process.env);
  const root = places.find((place) => existsSync(join(place, 'README.md')));
  if (root === undefined) {
    throw new Error(
      `Public test data not found (looked in ${places.join(', ')}). Set ${PUBLIC_DATA_VARIABLE} to the folder.`,
    );
  }
  return join(root, ...segments);
}
