import type { EntityCatalog } from '@trustwatch/entities';
import { advisoryPublishedSchema, type AdvisoryPublished, type AffectedProduct } from '@trustwatch/schemas';
import { z } from 'zod';
import { IngestNewsError } from '../errors.js';
import { htmlToText, looksLikeHtml } from './html-text.js';
import { readJsonDocument, shapeError } from './untrusted-json.js';

/** CVE JSON 5 fields this reader uses (CVE Record Format 5.0 and 5.1); everything else is ignored. */
const versionSchema = z.looseObject({
  version: z.string().min(1),
  status: z.enum(['affected', 'unaffected', 'unknown']),
  versionType: z.string().optional(),
  lessThan: z.string().optional(),
  lessThanOrEqual: z.string().optional(),
});
const cvssSchema = z.looseObject({ baseScore: z.number().optional(), baseSeverity: z.string().optional() });
const recordSchema = z.looseObject({
  dataType: z.literal('CVE_RECORD'),
  dataVersion: z.string().regex(/^5\./),
  cveMetadata: z.looseObject({
    cveId: z.string(),
    state: z.literal('PUBLISHED'),
    datePublished: z.string().optional(),
    dateUpdated: z.string().optional(),
  }),
  containers: z.looseObject({
    cna: z.looseObject({
      title: z.string().optional(),
      descriptions: z.array(z.looseObject({ lang: z.string(), value: z.string() })).min(1),
      affected: z
        .array(
          z.looseObject({
            vendor: z.string().optional(),
            product: z.string().optional(),
            defaultStatus: z.enum(['affected', 'unaffected', 'unknown']).optional(),
            versions: z.array(versionSchema).optional(),
          }),
        )
        .min(1),
      metrics: z
        .array(
          z.looseObject({
            cvssV4_0: cvssSchema.optional(),
            cvssV3_1: cvssSchema.optional(),
            cvssV3_0: cvssSchema.optional(),
          }),
        )
        .optional(),
      references: z.array(z.looseObject({ url: z.string() })).default([]),
    }),
  }),
});
type CveRecord = z.infer<typeof recordSchema>;
const SEVERITIES = ['NONE', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
/** CVE JSON 5's placeholder when the CNA gave no vendor or product (older MITRE records). */
const NOT_APPLICABLE = 'n/a';

/**
 * Reads a published CVE JSON 5 record into `advisory.published` data. Vendors go through the entity
 * catalog (`SMCI` is Supermicro); when the record says `n/a` (older MITRE records) the vendor is taken
 * from the entities the English description names. Version ranges (`lessThan`, `lessThanOrEqual`,
 * `versionType`) are kept as the record states them; entries with status `unknown` are dropped. A
 * record naming no vendor the catalog knows is refused (`CVE_NO_KNOWN_VENDOR`): nobody could match it.
 */
export function parseCveRecord(
  input: Uint8Array | string,
  catalog: EntityCatalog,
  options: { source?: string; maxBytes?: number } = {},
): AdvisoryPublished {
  const parsed = recordSchema.safeParse(readJsonDocument(input, options));
  if (!parsed.success) throw shapeError('CVE_INVALID', parsed.error.issues, options.source);
  const record = parsed.data;
  const cna = record.containers.cna;
  const description = englishDescription(record);
  const affected = cna.affected.flatMap((entry) => affectedProducts(entry, description, catalog));
  const where = options.source === undefined ? {} : { source: options.source };
  if (affected.length === 0) {
    throw new IngestNewsError(
      'CVE_NO_KNOWN_VENDOR',
      `${record.cveMetadata.cveId} names no vendor in the entity catalog`,
      where,
    );
  }
  const published = record.cveMetadata.datePublished ?? record.cveMetadata.dateUpdated;
  const result = advisoryPublishedSchema.safeParse({
    advisoryId: record.cveMetadata.cveId,
    title: (cna.title ?? description).slice(0, 500),
    published: published === undefined ? undefined : asUtc(published),
    severity: severityOf(record),
    affected: affected.slice(0, 200),
    references: [
      ...new Set(cna.references.map((ref) => ref.url).filter((url) => /^https?:\/\//.test(url))),
    ].slice(0, 200),
  });
  if (!result.success) throw shapeError('CVE_INVALID', result.error.issues, options.source);
  return result.data;
}

function englishDescription(record: CveRecord): string {
  const descriptions = record.containers.cna.descriptions;
  const english = descriptions.find((d) => d.lang.toLowerCase().startsWith('en')) ?? descriptions[0];
  const value = english?.value ?? '';
  return (looksLikeHtml(value) ? htmlToText(value) : value).replace(/\s+/g, ' ').trim();
}

function affectedProducts(
  entry: CveRecord['containers']['cna']['affected'][number],
  description: string,
  catalog: EntityCatalog,
): AffectedProduct[] {
  const versions = (entry.versions ?? []).flatMap((version) =>
    version.status === 'unknown'
      ? []
      : [
          {
            version: version.version,
            status: version.status,
            ...(version.lessThan === undefined ? {} : { lessThan: version.lessThan }),
            ...(version.lessThanOrEqual === undefined ? {} : { lessThanOrEqual: version.lessThanOrEqual }),
          },
        ],
  );
  if (versions.length === 0) return [];
  const versionType = entry.versions?.find((version) => version.versionType !== undefined)?.versionType;
  const vendors = vendorsOf(entry.vendor, description, catalog);
  return vendors.map((vendor) => ({
    vendorId: vendor.id,
    vendorName: entry.vendor === undefined || entry.vendor === NOT_APPLICABLE ? vendor.name : entry.vendor,
    product: entry.product ?? NOT_APPLICABLE,
    ...(versionType === undefined ? {} : { versionType }),
    ...(entry.defaultStatus === undefined ? {} : { defaultStatus: entry.defaultStatus }),
    versions: versions.slice(0, 500),
  }));
}

function vendorsOf(
  vendor: string | undefined,
  description: string,
  catalog: EntityCatalog,
): { id: string; name: string }[] {
  if (vendor !== undefined && vendor !== NOT_APPLICABLE) {
    const entity = catalog.resolve(vendor);
    return entity === undefined ? [] : [entity];
  }
  const named = new Map<string, { id: string; name: string }>();
  for (const mention of catalog.matchMentions(description)) {
    const entity = catalog.get(mention.entityId);
    if (entity !== undefined && entity.kind === 'vendor') named.set(entity.id, entity);
  }
  return [...named.values()];
}

function severityOf(record: CveRecord): AdvisoryPublished['severity'] {
  for (const metric of record.containers.cna.metrics ?? []) {
    const cvss = metric.cvssV4_0 ?? metric.cvssV3_1 ?? metric.cvssV3_0;
    if (cvss === undefined) continue;
    const severity = SEVERITIES.find((level) => level === cvss.baseSeverity?.toUpperCase());
    return {
      ...(cvss.baseScore === undefined ? {} : { cvssScore: cvss.baseScore }),
      ...(severity === undefined ? {} : { baseSeverity: severity }),
    };
  }
  return {};
}

/** CVE JSON 5 timestamps are UTC; older records omit the `Z`, which an instant needs. */
function asUtc(timestamp: string): string | undefined {
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(timestamp) ? timestamp : `${timestamp}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
