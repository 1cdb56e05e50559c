import { z } from 'zod';
import { defineEvent } from '../registry/define-event.js';
import { redactUrl } from '../urls/redact-url.js';
import {
  calendarDateSchema,
  componentKindSchema,
  firmwareSlotSchema,
  hashSchema,
  instantSchema,
  nameSchema,
  stableIdSchema,
  versionSchema,
} from './common.js';

export const INVENTORY_SOURCE_KINDS = ['redfish', 'agent', 'cmdb', 'fwupd', 'manual'] as const;

/** Where a snapshot came from: the collector that read it and, for Redfish, the BMC endpoint it asked. */
export const inventorySourceSchema = z.strictObject({
  kind: z.enum(INVENTORY_SOURCE_KINDS),
  collector: nameSchema,
  /** A BMC URL may carry `user:password@`; parsing drops it before it reaches a record. */
  endpoint: z.url().max(2048).overwrite(redactUrl).optional(),
});
export type InventorySource = z.infer<typeof inventorySourceSchema>;

/**
 * One firmware component as the inventory reports it (modelled on Redfish `SoftwareInventory`:
 * `Version`, `SoftwareId`, `LowestSupportedVersion`, `Updateable`, `RelatedItem`).
 */
export const observedComponentSchema = z.strictObject({
  id: stableIdSchema,
  kind: componentKindSchema,
  name: nameSchema.optional(),
  version: versionSchema,
  softwareId: z.string().trim().min(1).max(256).optional(),
  hash: hashSchema.optional(),
  manufacturer: nameSchema.optional(),
  releaseDate: calendarDateSchema.optional(),
  lowestSupportedVersion: versionSchema.optional(),
  updateable: z.boolean().optional(),
  slot: firmwareSlotSchema,
  /** Ids (or Redfish `@odata.id` paths) of the hardware this firmware runs on. */
  relatedItem: z.array(z.string().min(1).max(512)).max(32).optional(),
});
export type ObservedComponent = z.infer<typeof observedComponentSchema>;

/** A raw inventory snapshot of one server, as a collector saw it at one instant. */
export const firmwareObservedSchema = z
  .strictObject({
    customerId: stableIdSchema,
    assetId: stableIdSchema,
    vendor: nameSchema,
    model: nameSchema,
    serialNumber: z.string().trim().min(1).max(128).optional(),
    observedAt: instantSchema,
    source: inventorySourceSchema,
    components: z.array(observedComponentSchema).min(1).max(512),
  })
  .superRefine((snapshot, ctx) => {
    // The change detector diffs snapshots by component id; a duplicate would make one of them vanish.
    const seen = new Set<string>();
    snapshot.components.forEach((component, index) => {
      if (seen.has(component.id)) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate component id "${component.id}"`,
          path: ['components', index, 'id'],
        });
      }
      seen.add(component.id);
    });
  });
export type FirmwareObserved = z.infer<typeof firmwareObservedSchema>;

export const firmwareObservedEvent = defineEvent({
  type: 'com.trustwatch.firmware.observed.v1',
  description:
    'A raw firmware inventory snapshot of one server; keyed by customer id so a customer’s snapshots stay in order.',
  schema: firmwareObservedSchema,
  partitionKey: (data) => data.customerId,
});
