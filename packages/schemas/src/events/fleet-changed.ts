import { z } from 'zod';
import { defineEvent } from '../registry/define-event.js';
import { instantSchema, stableIdSchema } from './common.js';

export const FLEET_FORMATS = ['cyclonedx', 'json', 'csv'] as const;

/**
 * A customer's fleet was replaced by an import. It carries counts, not asset ids: a 20,000-asset
 * re-import must stay one small record, and the engine reads the new fleet from the store anyway.
 */
export const fleetChangedSchema = z.strictObject({
  customerId: stableIdSchema,
  /** The inventory version now stored (ms, the import's `version`): orders imports of one customer. */
  fleetVersion: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** When the import replaced the fleet. */
  importedAt: instantSchema,
  format: z.enum(FLEET_FORMATS).optional(),
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  /** Assets whose vendor, model or components changed. */
  changed: z.number().int().nonnegative(),
  /** Vendors as the fleet names them (manufacturer names, free text) whose share of the fleet moved. */
  vendorsAffected: z.array(z.string().trim().min(1).max(200)).max(1000),
});
export type FleetChanged = z.infer<typeof fleetChangedSchema>;

export const fleetChangedEvent = defineEvent({
  type: 'com.trustwatch.fleet.changed.v1',
  description:
    "A customer's fleet was re-imported and replaced; the trust engine re-binds its factors to the new fleet and re-scores it. Keyed by customer id.",
  schema: fleetChangedSchema,
  partitionKey: (data) => data.customerId,
});
