import { COUNTRY_CODES } from '@trustwatch/schemas';
// The index entry, not the package root: the root registers all ~80 locales at import time, and only
// the code tables plus the English names below are needed.
import countries from 'i18n-iso-countries/index.js';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { normaliseName } from './normalise-name.js';

/**
 * Names the English table of i18n-iso-countries lacks but supplier records and news use. Each maps a
 * normalised name to the ISO 3166-1 alpha-2 code ISO assigns to that territory.
 */
const EXTRA_NAMES: Readonly<Record<string, string>> = {
  'republic of china taiwan': 'TW',
  'republic of china': 'TW',
  roc: 'TW',
  'chinese taipei': 'TW',
  'taiwan roc': 'TW',
  prc: 'CN',
  'mainland china': 'CN',
  'china mainland': 'CN',
  'peoples republic of china': 'CN',
  'hong kong sar': 'HK',
  'hong kong sar china': 'HK',
  'macau sar': 'MO',
  'south korea': 'KR',
  'korea south': 'KR',
  'united states': 'US',
  'viet nam': 'VN',
  'czech republic': 'CZ',
  'great britain': 'GB',
  england: 'GB',
};

const ASSIGNED: ReadonlySet<string> = new Set(COUNTRY_CODES);

function buildTable(): ReadonlyMap<string, string> {
  const table = new Map<string, string>();
  const add = (name: string, code: string): void => {
    const key = normaliseName(name);
    if (key !== '' && ASSIGNED.has(code)) table.set(key, code);
  };
  for (const [alpha2, alpha3] of Object.entries(countries.getAlpha2Codes())) {
    add(alpha2, alpha2);
    add(alpha3, alpha2);
  }
  for (const [numeric, alpha2] of Object.entries(countries.getNumericCodes())) add(numeric, alpha2);
  for (const [alpha2, names] of Object.entries(english.countries)) {
    for (const name of typeof names === 'string' ? [names] : names) add(name, alpha2);
  }
  // Added last so they win where the library's table spells a name differently.
  for (const [name, alpha2] of Object.entries(EXTRA_NAMES)) add(name, alpha2);
  return table;
}

const TABLE = buildTable();

/**
 * A country name or code as found in BOMs, registries and news (`"China"`, `"CN"`, `"CHN"`, `"156"`,
 * `"Taiwan, Province of China"`, `"Republic of China (Taiwan)"`, `"USA"`) -> its ISO 3166-1 alpha-2
 * code, ignoring case and punctuation. `undefined` when it names no assigned country (`"XK"`, `"Atlantis"`).
 * Names come from i18n-iso-countries (English table, ISO 3166 maintenance agency spellings) plus a few
 * common forms listed in this file.
 */
export function normaliseCountry(input: string): string | undefined {
  return TABLE.get(normaliseName(input));
}
