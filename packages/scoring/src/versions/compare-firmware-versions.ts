/**
 * Firmware version ordering. Vendors do not follow one scheme (Supermicro BMC `01.03.18`, Redfish
 * mockups `1.73.14`, Gigabyte BIOS `F20`, semver-like `2.5.0-beta`), so the comparator is a tolerant
 * total preorder rather than a strict semver parser. The rules, in order:
 *
 * 1. Case is ignored and a `+build` suffix is dropped (semver: build metadata does not order).
 * 2. The rest is split into tokens: runs of digits and runs of letters; any other character
 *    (`.`, `-`, `_`, `~`, space) only separates.
 * 3. Numbers compare by value, so leading zeros do not matter (`01.03.18` equals `1.3.18`) and
 *    numbers of any length compare exactly.
 * 4. A letter run is a pre-release qualifier when it follows `-` or `~`, or is one of the usual
 *    words (`dev`, `alpha`, `beta`, `pre`, `preview`, `rc`, `snapshot`): it sorts before the
 *    version without it (`2.5.0-beta` < `2.5.0`), known qualifiers in that order, others by text.
 *    Any other letter run (`F20`, `1.0.2a`) sorts like a patch marker: after the missing token and
 *    zero, before any positive number, and by text among themselves.
 * 5. A missing trailing token counts as zero, so `1.3` equals `1.3.0` and `1.3` < `1.3.1`.
 *
 * The order is meaningful within one vendor's scheme; across schemes it is still a consistent total
 * preorder (reflexive, antisymmetric up to equivalence, transitive), which sorting and range checks need.
 */
export function compareFirmwareVersions(a: string, b: string): -1 | 0 | 1 {
  const left = tokenize(a);
  const right = tokenize(b);
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i += 1) {
    const order = compareTokens(left[i] ?? ZERO, right[i] ?? ZERO);
    if (order !== 0) return order;
  }
  return 0;
}

/** The pre-release words that sort before the release they precede, lowest first. */
const PRE_RELEASE_WORDS = ['dev', 'snapshot', 'alpha', 'beta', 'pre', 'preview', 'rc'] as const;

// A token as an ordered key: class first (pre-release < numeric-or-patch), then number, then text.
interface Token {
  readonly cls: 0 | 1;
  /** Decimal digits without leading zeros (`''` is zero); for pre-release tokens the word's rank. */
  readonly digits: string;
  readonly text: string;
}

const ZERO: Token = { cls: 1, digits: '', text: '' };

function tokenize(version: string): Token[] {
  const plus = version.indexOf('+');
  const core = (plus === -1 ? version : version.slice(0, plus)).toLowerCase();
  const tokens: Token[] = [];
  for (const match of core.matchAll(/[0-9]+|[a-z]+/g)) {
    const run = match[0];
    if (/^[0-9]/.test(run)) {
      tokens.push({ cls: 1, digits: run.replace(/^0+/, ''), text: '' });
      continue;
    }
    const before = core[match.index - 1];
    const rank = PRE_RELEASE_WORDS.indexOf(run as (typeof PRE_RELEASE_WORDS)[number]);
    if (rank !== -1 || before === '-' || before === '~') {
      // Unknown qualifiers rank after the known ones, then by text.
      const position = rank === -1 ? PRE_RELEASE_WORDS.length : rank;
      tokens.push({ cls: 0, digits: String(position), text: rank === -1 ? run : '' });
    } else {
      tokens.push({ cls: 1, digits: '', text: run });
    }
  }
  return tokens;
}

function compareTokens(x: Token, y: Token): -1 | 0 | 1 {
  if (x.cls !== y.cls) return x.cls < y.cls ? -1 : 1;
  const byNumber = compareDigits(x.digits, y.digits);
  if (byNumber !== 0) return byNumber;
  return sign(x.text, y.text);
}

// Digit strings without leading zeros: the longer is larger, equal lengths compare as text.
function compareDigits(x: string, y: string): -1 | 0 | 1 {
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return sign(x, y);
}

function sign(x: string, y: string): -1 | 0 | 1 {
  if (x === y) return 0;
  return x < y ? -1 : 1;
}
