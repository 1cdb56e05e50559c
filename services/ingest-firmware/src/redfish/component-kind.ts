import type { ComponentKind, FirmwareSlot } from '@trustwatch/schemas';

// Supermicro names its recovery images after the active one: `Backup_BMC`, `Golden_BIOS`, `Staging_BMC`.
const SLOT_PREFIX = /^(backup|golden|staging)[_-]/i;

/** The image slot a member's Id names, and the Id of the active image it shadows. */
export function slotOf(memberId: string): { slot: FirmwareSlot; baseId: string } {
  const match = SLOT_PREFIX.exec(memberId);
  if (match?.[1] === undefined) return { slot: 'active', baseId: memberId };
  return { slot: match[1].toLowerCase() as FirmwareSlot, baseId: memberId.slice(match[0].length) };
}

// Checked in order: the first match wins, so the narrow kinds come before the broad words that
// share letters with them ("Simple Storage" under a System's path is storage, not BIOS).
const RULES: readonly (readonly [ComponentKind, RegExp])[] = [
  ['bmc', /\bbmc\b|\bipmi\b|\bmanagement controller\b/],
  ['cpld', /\bcpld|\bfpga\b/],
  ['bios', /\bbios\b|\buefi\b|\bsystem firmware\b/],
  ['nic', /\bnic\d*\b|\bnetwork|\bethernet|\blan\b|\bnetworkadapters?\b/],
  ['storage', /\bstorage|\braid\b|\bnvme|\bssd\b|\bhdd\b|\bdrives?\b|\bdisk|\bsas\b|\bhba\b/],
  ['psu', /\bpower ?suppl|\bpsu\d*\b|\bpowersupplies\b/],
  ['gpu', /\bgpu\d*\b|\bgraphics\b|\baccelerator/],
];

/**
 * The component kind from what a BMC says about a firmware member: its Id and Name first, then the
 * hardware it is related to (`/Managers/...` is the BMC, a bare `/Systems/<id>` is the host's BIOS).
 */
export function componentKindOf(
  id: string,
  name: string | undefined,
  relatedItems: readonly string[],
): ComponentKind {
  const words = `${slotOf(id).baseId} ${name ?? ''}`.replace(/[_-]+/g, ' ').toLowerCase();
  for (const [kind, pattern] of RULES) if (pattern.test(words)) return kind;
  for (const item of relatedItems) {
    const path = item.toLowerCase();
    if (/\/managers\/[^/]+$/.test(path)) return 'bmc';
    if (/\/systems\/[^/]+$/.test(path)) return 'bios';
    const pathWords = path.replace(/[/_-]+/g, ' ');
    for (const [kind, pattern] of RULES) if (kind !== 'bmc' && pattern.test(pathWords)) return kind;
  }
  return 'other';
}
