// The index entry, not the package root: the root registers every locale's country names at import
// time, and only the code table is needed here.
import countries from 'i18n-iso-countries/index.js';

/**
 * `XK` (Kosovo) is in the library's table but is a user-assigned code, not an ISO 3166-1 assignment;
 * other systems (and the JSON Schema consumers) would not recognise it.
 */
const USER_ASSIGNED = new Set(['XK']);

/** Every officially assigned ISO 3166-1 alpha-2 code, sorted so the exported JSON Schema is stable. */
export const COUNTRY_CODES: readonly string[] = Object.freeze(
  Object.keys(countries.getAlpha2Codes())
    .filter((code) => !USER_ASSIGNED.has(code))
    .sort(),
);
