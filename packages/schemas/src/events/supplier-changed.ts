import { z } from 'zod';
import { defineEvent } from '../registry/define-event.js';
import { redactUrl } from '../urls/redact-url.js';
import { calendarDateSchema, isoCountryCodeSchema, nameSchema, stableIdSchema } from './common.js';

export const SUPPLIER_CHANGE_KINDS = ['added', 'removed', 'relocated'] as const;
export const SUPPLIER_SOURCE_KINDS = ['bom', 'registry', 'direct'] as const;

/** Where the change was learned: a bill of materials diff, a supplier registry, or the vendor directly. */
export const supplierSourceSchema = z.strictObject({
  kind: z.enum(SUPPLIER_SOURCE_KINDS),
  /** Credentials in it are dropped on parse: the link becomes evidence people see. */
  uri: z.url().max(2048).overwrite(redactUrl).optional(),
  /** A document or BOM reference (e.g. a CycloneDX serial number) for people to follow up. */
  reference: z.string().trim().min(1).max(256).optional(),
});
export type SupplierSource = z.infer<typeof supplierSourceSchema>;

/** A vendor's component supplier was added, dropped, or moved its manufacturing between countries. */
export const supplierChangedSchema = z
  .strictObject({
    vendorId: stableIdSchema,
    vendorName: nameSchema,
    supplierId: stableIdSchema,
    supplierName: nameSchema,
    /** What the supplier makes for the vendor, e.g. `motherboard`, `bmc-chip`. */
    componentCategory: z.string().trim().min(1).max(64),
    change: z.enum(SUPPLIER_CHANGE_KINDS),
    fromCountry: isoCountryCodeSchema.optional(),
    toCountry: isoCountryCodeSchema.optional(),
    /** Plant or site name (`Kaohsiung`), free text. */
    facility: z.string().trim().min(1).max(200).optional(),
    effectiveDate: calendarDateSchema,
    source: supplierSourceSchema,
  })
  .superRefine((event, ctx) => {
    // The country-risk policy scores a move by its two ends; without both there is nothing to score.
    if (event.change !== 'relocated') return;
    if (event.fromCountry === undefined) {
      ctx.addIssue({ code: 'custom', message: 'relocated needs fromCountry', path: ['fromCountry'] });
    }
    if (event.toCountry === undefined) {
      ctx.addIssue({ code: 'custom', message: 'relocated needs toCountry', path: ['toCountry'] });
    }
    if (event.fromCountry !== undefined && event.fromCountry === event.toCountry) {
      ctx.addIssue({
        code: 'custom',
        message: 'relocated needs two different countries',
        path: ['toCountry'],
      });
    }
  });
export type SupplierChanged = z.infer<typeof supplierChangedSchema>;

export const supplierChangedEvent = defineEvent({
  type: 'com.trustwatch.supplier.changed.v1',
  description:
    'A vendor’s supplier was added, removed or relocated between countries; keyed by vendor id so a vendor’s supply chain changes stay in order.',
  schema: supplierChangedSchema,
  partitionKey: (data) => data.vendorId,
});
