import { normaliseCategory } from '../facts.js';
import type { BomComponent } from './bom-view.js';

/** Our own property for a BOM author who wants to state the category outright. */
export const CATEGORY_PROPERTY = 'trustwatch:component-category';
/** The CycloneDX device taxonomy's function property (`connector`, `jumper`, ...). */
const DEVICE_FUNCTION_PROPERTY = 'cdx:device:function';

// Words in a component's name, group or description that say what it is, first match wins. Ordered so
// the specific beats the general ("BMC firmware" is bmc, not firmware).
const KEYWORDS: readonly (readonly [RegExp, string])[] = [
  [/\b(bmc|baseboard management)/i, 'bmc'],
  [/\b(bios|uefi)\b/i, 'bios'],
  [/\bcpld\b/i, 'cpld'],
  [/\b(motherboard|mainboard|system board)\b/i, 'motherboard'],
  [/\b(cpu|processor)\b/i, 'cpu'],
  [/\b(nic|ethernet|network adapter)\b/i, 'nic'],
  [/\b(dimm|dram|memory)\b/i, 'memory'],
  [/\b(ssd|nvme|hdd|storage)\b/i, 'storage'],
  [/\b(psu|power supply)\b/i, 'psu'],
  [/\bgpu\b/i, 'gpu'],
  [/\b(pcb|printed circuit)\b/i, 'pcb'],
];

/**
 * What a component is, for `componentCategory`: an explicit property first, then the device function,
 * then keywords in its name, group and description, else its CycloneDX type (`device`, `firmware`).
 */
export function componentCategory(component: BomComponent): string {
  const property = (name: string): string | undefined =>
    component.properties?.find((p) => p.name === name)?.value;
  const stated = property(CATEGORY_PROPERTY) ?? property(DEVICE_FUNCTION_PROPERTY);
  if (stated !== undefined && normaliseCategory(stated) !== '') return normaliseCategory(stated);
  const words = [component.name, component.group ?? '', component.description ?? ''].join(' ');
  const hit = KEYWORDS.find(([pattern]) => pattern.test(words));
  return hit?.[1] ?? normaliseCategory(component.type);
}
