import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PUBLIC_DATA_VARIABLE, loadPublicDataConfig, type PublicDataConfig } from './config.js';
import { REPO_ROOT } from './launchers.js';

// In order: an explicit location, a copy vendored into the repository, the folder next to the checkout.
function candidates(config: PublicDataConfig): string[] {
  return [
    ...(config.folder === undefined ? [] : [resolve(config.folder)]),
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
  return publicDataPathIn(loadPublicDataConfig(), ...segments);
}

/** {@link publicDataPath} with the configuration given instead of read from the environment. */
export function publicDataPathIn(config: PublicDataConfig, ...segments: string[]): string {
  const places = candidates(config);
  const root = places.find((place) => existsSync(join(place, 'README.md')));
  if (root === undefined) {
    throw new Error(
      `Public test data not found (looked in ${places.join(', ')}). Set ${PUBLIC_DATA_VARIABLE} to the folder.`,
    );
  }
  return join(root, ...segments);
}
