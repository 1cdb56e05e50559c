import { z } from 'zod';
import { defineEvent } from '../registry/define-event.js';
import { httpUrlSchema, instantSchema, nameSchema, stableIdSchema, versionSchema } from './common.js';

/** CVE ids as CVE JSON 5 `cveMetadata.cveId` allows them: a year and four or more digits. */
export const CVE_ID_PATTERN = /^CVE-[0-9]{4}-[0-9]{4,19}$/;

/** One version entry of CVE JSON 5 `affected[].versions[]`: a single version or a range starting at it. */
export const affectedVersionSchema = z.strictObject({
  version: versionSchema,
  lessThan: versionSchema.optional(),
  lessThanOrEqual: versionSchema.optional(),
  status: z.enum(['affected', 'unaffected']),
});
export type AffectedVersion = z.infer<typeof affectedVersionSchema>;

/** One affected product, with the vendor resolved to a Trustwatch vendor id (`SMCI` -> `supermicro`). */
export const affectedProductSchema = z.strictObject({
  vendorId: stableIdSchema,
  /** The vendor as the CVE record names it. */
  vendorName: nameSchema,
  product: nameSchema,
  /** CVE JSON 5 `versionType`: how to compare versions (`semver`, `custom`, or a vendor's own, e.g. `BMC`). */
  versionType: z.string().trim().min(1).max(128).optional(),
  defaultStatus: z.enum(['affected', 'unaffected', 'unknown']).optional(),
  versions: z.array(affectedVersionSchema).min(1).max(500),
});
export type AffectedProduct = z.infer<typeof affectedProductSchema>;

/** A published security advisory, derived from a CVE JSON 5 record. */
export const advisoryPublishedSchema = z.strictObject({
  advisoryId: z.string().regex(CVE_ID_PATTERN, 'must be a CVE id, e.g. CVE-2024-10237'),
  title: z.string().trim().min(1).max(500),
  published: instantSchema,
  severity: z.strictObject({
    cvssScore: z.number().min(0).max(10).optional(),
    baseSeverity: z.enum(['NONE', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).optional(),
  }),
  affected: z.array(affectedProductSchema).min(1).max(200),
  references: z.array(httpUrlSchema).max(200),
});
export type AdvisoryPublished = z.infer<typeof advisoryPublishedSchema>;

export const advisoryPublishedEvent = defineEvent({
  type: 'com.trustwatch.advisory.published.v1',
  description:
    'A security advisory (CVE JSON 5 derived) with the vendor products and versions it affects; keyed by advisory id.',
  schema: advisoryPublishedSchema,
  partitionKey: (data) => data.advisoryId,
});
