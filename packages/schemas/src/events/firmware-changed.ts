import { z } from 'zod';
import { defineEvent } from '../registry/define-event.js';
import {
  componentKindSchema,
  firmwareSlotSchema,
  hashSchema,
  instantSchema,
  nameSchema,
  stableIdSchema,
  versionSchema,
} from './common.js';

export const FIRMWARE_CHANGE_KINDS = [
  'upgrade',
  'downgrade',
  'downgrade_below_minimum',
  'image_swapped',
  'unknown_build',
  'backup_image_changed',
  'component_added',
  'component_removed',
] as const;
export type FirmwareChangeKind = (typeof FIRMWARE_CHANGE_KINDS)[number];

export const KNOWN_GOOD_VALUES = ['yes', 'no', 'unknown'] as const;

/** The state of a component on one side of a change. */
export const componentStateSchema = z.strictObject({
  version: versionSchema,
  softwareId: z.string().trim().min(1).max(256).optional(),
  hash: hashSchema.optional(),
  lowestSupportedVersion: versionSchema.optional(),
});
export type ComponentState = z.infer<typeof componentStateSchema>;

/** Which sides a change kind implies: an addition has no "before", a removal no "after", the rest both. */
const REQUIRED_SIDES: Record<FirmwareChangeKind, { before: boolean; after: boolean }> = {
  upgrade: { before: true, after: true },
  downgrade: { before: true, after: true },
  downgrade_below_minimum: { before: true, after: true },
  image_swapped: { before: true, after: true },
  unknown_build: { before: false, after: true },
  backup_image_changed: { before: true, after: true },
  component_added: { before: false, after: true },
  component_removed: { before: true, after: false },
};

/** One changed component of one asset, derived by diffing two `firmware.observed` snapshots. */
export const firmwareChangedSchema = z
  .strictObject({
    customerId: stableIdSchema,
    assetId: stableIdSchema,
    vendor: nameSchema,
    model: nameSchema,
    component: z.strictObject({ id: stableIdSchema, kind: componentKindSchema, slot: firmwareSlotSchema }),
    change: z.enum(FIRMWARE_CHANGE_KINDS),
    before: componentStateSchema.optional(),
    after: componentStateSchema.optional(),
    /** Whether `after` matches a version and hash the vendor published. */
    knownGood: z.enum(KNOWN_GOOD_VALUES),
    observedAt: instantSchema,
    /** The `firmware.observed` event id of the snapshot that revealed the change. */
    snapshotId: z.string().min(1).max(256),
  })
  .superRefine((event, ctx) => {
    const sides = REQUIRED_SIDES[event.change];
    checkSide(ctx, 'before', event.change, sides.before, event.before !== undefined);
    checkSide(ctx, 'after', event.change, sides.after, event.after !== undefined);
    // A swap is seen through the image hash or, on BMCs that report no hash, through the SoftwareId.
    for (const side of ['before', 'after'] as const) {
      const state = event[side];
      if (event.change === 'image_swapped' && state?.hash === undefined && state?.softwareId === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `image_swapped needs ${side}.hash or ${side}.softwareId`,
          path: [side, 'hash'],
        });
      }
    }
  });
export type FirmwareChanged = z.infer<typeof firmwareChangedSchema>;

function checkSide(
  ctx: z.RefinementCtx,
  side: 'before' | 'after',
  change: FirmwareChangeKind,
  required: boolean,
  present: boolean,
): void {
  // unknown_build may or may not have a previous state (a component added with an uncatalogued build), so it
  // only requires `after`.
  if (required && !present)
    ctx.addIssue({ code: 'custom', message: `${change} needs "${side}"`, path: [side] });
  if (!required && present && change !== 'unknown_build') {
    ctx.addIssue({ code: 'custom', message: `${change} must not have "${side}"`, path: [side] });
  }
}

export const firmwareChangedEvent = defineEvent({
  type: 'com.trustwatch.firmware.changed.v1',
  description:
    'One changed firmware component of one asset (upgrade, downgrade, swapped image, ...); keyed by customer id.',
  schema: firmwareChangedSchema,
  partitionKey: (data) => data.customerId,
});
