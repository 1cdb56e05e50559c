import { z } from 'zod';
import { stableId } from '../ids.js';
import { factorEvidenceSchema, reassessmentSchema } from './evidence.js';
import { isoCountryCodeSchema } from '../events/common.js';
import { ENTITY_KINDS, factorKindSchema, type FactorKind } from './factor-kind.js';
import { entityIdSchema, isoTimestampSchema, summaryTextSchema, unitIntervalSchema } from './primitives.js';

/**
 * What a factor is about. `customer`: the customer as a whole (counts in the overall score only).
 * `entity`: a vendor, supplier, product or firmware component, attributed to the vendor whose
 * per-vendor score it moves (a supplier factor is attributed to each vendor buying from it).
 */
export const factorScopeSchema = z.discriminatedUnion('level', [
  z.strictObject({ level: z.literal('customer') }),
  z.strictObject({
    level: z.literal('entity'),
    entity: z.strictObject({ kind: z.enum(ENTITY_KINDS), id: entityIdSchema }),
    vendorId: entityIdSchema,
  }),
]);
export type FactorScope = z.infer<typeof factorScopeSchema>;

/**
 * Facts a policy needs to re-derive a factor's severity without replaying its event (a new
 * country-risk table re-rates a relocation from `fromCountry`/`toCountry` alone).
 */
export const factorDetailsSchema = z.strictObject({
  fromCountry: isoCountryCodeSchema.optional(),
  toCountry: isoCountryCodeSchema.optional(),
  cvssBaseScore: z.number().min(0).max(10).optional(),
  fromVersion: z.string().min(1).max(128).optional(),
  toVersion: z.string().min(1).max(128).optional(),
  advisoryId: z.string().min(1).max(64).optional(),
});
export type FactorDetails = z.infer<typeof factorDetailsSchema>;

// Fields every factor has, shared or not. Kept unrefined so the two variants can extend it.
const factorCoreShape = {
  /** Deterministic from kind, owner and evidence (`factorId`): the same evidence never counts twice. */
  id: entityIdSchema,
  kind: factorKindSchema,
  scope: factorScopeSchema,
  /** How bad the fact is if true, before the kind's policy weight: 1 is the worst case of its kind. */
  severity: unitIntervalSchema,
  /** How far to believe it when first reported; `reassessments` move it later. */
  credibility: unitIntervalSchema,
  occurredAt: isoTimestampSchema,
  /**
   * Hours for the weight to halve; `null` persists at full weight until resolved. Records the half-life
   * the policy gave the kind when the factor was made; scores use the half-life of the policy in force.
   */
  halfLifeHours: z.number().positive().max(1_000_000).nullable(),
  status: z.enum(['active', 'resolved']),
  resolvedAt: isoTimestampSchema.optional(),
  evidence: factorEvidenceSchema,
  reassessments: z.array(reassessmentSchema).max(200),
  details: factorDetailsSchema.optional(),
  summary: summaryTextSchema,
};

type CoreFields = {
  status: 'active' | 'resolved';
  resolvedAt?: string | undefined;
  occurredAt: string;
};

function checkLifecycle(factor: CoreFields, ctx: z.RefinementCtx): void {
  if ((factor.status === 'resolved') !== (factor.resolvedAt !== undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['resolvedAt'],
      message: 'resolvedAt is set exactly when status is resolved',
    });
  }
  if (factor.resolvedAt !== undefined && Date.parse(factor.resolvedAt) < Date.parse(factor.occurredAt)) {
    ctx.addIssue({
      code: 'custom',
      path: ['resolvedAt'],
      message: 'a factor cannot be resolved before it occurred',
    });
  }
}

/**
 * A factor about a vendor or supplier that is the same for every customer (one news claim, one
 * supplier move). Stored once; each customer's exposure to it is kept apart as a `FactorExposure`.
 */
export const sharedFactorSchema = z.strictObject(factorCoreShape).superRefine((factor, ctx) => {
  checkLifecycle(factor, ctx);
  if (factor.scope.level !== 'entity') {
    ctx.addIssue({ code: 'custom', path: ['scope'], message: 'a shared factor concerns an entity' });
  }
});
export type SharedFactor = z.infer<typeof sharedFactorSchema>;

/** How much of one customer's fleet a shared factor touches. */
export const factorExposureSchema = z.strictObject({
  factorId: entityIdSchema,
  customerId: entityIdSchema,
  /** Share of the customer's whole fleet. */
  exposure: unitIntervalSchema,
  /** Share of the customer's assets of the attributed vendor. */
  vendorExposure: unitIntervalSchema,
});
export type FactorExposure = z.infer<typeof factorExposureSchema>;

/**
 * A factor as one customer's score sees it: its own factor (`origin: customer`, e.g. a firmware change
 * on its server) or a shared factor bound to its exposure (`origin: shared`).
 */
export const factorSchema = z
  .strictObject({
    ...factorCoreShape,
    origin: z.enum(['customer', 'shared']),
    customerId: entityIdSchema,
    /** Share of the customer's whole fleet it touches: scales its weight in the overall score. */
    exposure: unitIntervalSchema,
    /** Share of the attributed vendor's part of the fleet: scales its weight in that vendor's score. */
    vendorExposure: unitIntervalSchema,
  })
  .superRefine(checkLifecycle);
export type Factor = z.infer<typeof factorSchema>;

/** Binds a shared factor to one customer's exposure; the result is what that customer's score uses. */
export function bindSharedFactor(shared: SharedFactor, exposure: FactorExposure): Factor {
  return {
    ...shared,
    origin: 'shared',
    customerId: exposure.customerId,
    exposure: exposure.exposure,
    vendorExposure: exposure.vendorExposure,
  };
}

/**
 * The id of a factor from what identifies its evidence: kind, owner (a customer id, or `null` for a
 * shared factor) and the fact's identity (e.g. asset, component and image hash; or a story id). A
 * redelivered or re-observed fact yields the same id and is stored once.
 */
export function factorId(
  kind: FactorKind,
  customerId: string | null,
  ...evidenceKey: readonly string[]
): string {
  return stableId('fct', kind, customerId === null ? 'shared' : `customer:${customerId}`, ...evidenceKey);
}

/** The id of a reassessment: one per answered factor, kind, answering party and answering story/event. */
export function reassessmentId(factorIdValue: string, kind: string, by: string, evidenceKey: string): string {
  return stableId('rsm', factorIdValue, kind, by, evidenceKey);
}
