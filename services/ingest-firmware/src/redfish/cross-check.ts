import type { ObservedComponent } from '@trustwatch/schemas';
import type { RedfishResource } from './client.js';
import { stringField } from './odata.js';

/**
 * How an inventory version compares with what the manager (`FirmwareVersion`) or the system
 * (`BiosVersion`) reports. A mismatch is worth a warning: two views of one BMC disagreeing is either a
 * pending update or a BMC that lies about one of them.
 */
export interface CrossCheck {
  readonly kind: 'bmc' | 'bios';
  readonly inventoryVersion: string | undefined;
  readonly reportedVersion: string | undefined;
  readonly outcome: 'consistent' | 'mismatch' | 'not_checked';
}

export function crossCheck(
  components: readonly ObservedComponent[],
  manager: RedfishResource | undefined,
  system: RedfishResource | undefined,
): CrossCheck[] {
  return [
    check('bmc', components, manager === undefined ? undefined : stringField(manager, 'FirmwareVersion')),
    check('bios', components, system === undefined ? undefined : stringField(system, 'BiosVersion')),
  ];
}

function check(
  kind: 'bmc' | 'bios',
  components: readonly ObservedComponent[],
  reported: string | undefined,
): CrossCheck {
  const active = components.find((component) => component.kind === kind && component.slot === 'active');
  const inventoryVersion = active?.version;
  if (inventoryVersion === undefined || reported === undefined) {
    return { kind, inventoryVersion, reportedVersion: reported, outcome: 'not_checked' };
  }
  return {
    kind,
    inventoryVersion,
    reportedVersion: reported,
    outcome: sameVersion(inventoryVersion, reported) ? 'consistent' : 'mismatch',
  };
}

// Systems often decorate BiosVersion with a date ("P79 v1.45 (12/06/2017)" for inventory "P79 v1.45").
function sameVersion(inventory: string, reported: string): boolean {
  const a = inventory.toLowerCase();
  const b = reported.toLowerCase();
  return a === b || b.startsWith(`${a} `) || a.startsWith(`${b} `);
}
