/**
 * Legal-form words that say nothing about which company is meant ("Super Micro Computer, Inc." is
 * "Super Micro Computer"). Written as folded token sequences, because "S.A." tokenises to `s a`.
 * Sources: common English forms plus the ISO 20275 entity legal forms most seen among hardware
 * vendors and suppliers (DE, FR, NL, JP, TW/CN, SG, MY).
 */
const LEGAL_SUFFIXES: readonly (readonly string[])[] = [
  ['inc'],
  ['incorporated'],
  ['corp'],
  ['corporation'],
  ['co'],
  ['company'],
  ['ltd'],
  ['limited'],
  ['llc'],
  ['l', 'l', 'c'],
  ['llp'],
  ['lp'],
  ['plc'],
  ['gmbh'],
  ['ag'],
  ['kg'],
  ['se'],
  ['sa'],
  ['s', 'a'],
  ['sas'],
  ['s', 'a', 's'],
  ['sarl'],
  ['spa'],
  ['s', 'p', 'a'],
  ['srl'],
  ['bv'],
  ['b', 'v'],
  ['nv'],
  ['n', 'v'],
  ['ab'],
  ['oy'],
  ['kk'],
  ['k', 'k'],
  ['pte'],
  ['pty'],
  ['sdn'],
  ['bhd'],
];

/**
 * How many trailing tokens of `folded` are legal-form words. Strips repeatedly ("Co., Ltd."), but
 * always leaves at least one token, so a company literally called "AB" keeps its name.
 */
export function legalSuffixLength(folded: readonly string[], keepOne = true): number {
  const floor = keepOne ? 1 : 0;
  let end = folded.length;
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (const suffix of LEGAL_SUFFIXES) {
      if (suffix.length > end - floor) continue;
      if (suffix.every((word, i) => folded[end - suffix.length + i] === word)) {
        end -= suffix.length;
        stripped = true;
        break;
      }
    }
  }
  return folded.length - end;
}

/** True when every word is a legal form ("Co., Ltd."): such a name identifies nobody. */
export function isOnlyLegalForms(folded: readonly string[]): boolean {
  return folded.length > 0 && legalSuffixLength(folded, false) === folded.length;
}
