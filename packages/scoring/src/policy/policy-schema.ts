import {
  FACTOR_KINDS,
  REASSESSMENT_KINDS,
  factorKindSchema,
  isoCountryCodeSchema,
} from '@trustwatch/schemas';
import { z } from 'zod';

const unit = z.number().min(0).max(1);

/** How one factor kind weighs and fades. */
const kindPolicySchema = z.strictObject({
  /** Share of the baseline a worst-case, certain, fleet-wide factor of this kind takes off at once. */
  weight: unit,
  /** Hours for its weight to halve; `null` persists until the factor is resolved. */
  halfLifeHours: z.number().positive().max(1_000_000).nullable(),
  /** Severity given to a new factor of this kind when its event carries no finer measure. */
  severity: unit,
});
export type KindPolicy = z.infer<typeof kindPolicySchema>;

/** What later evidence does to a claim's credibility, scaled by the answering party's reliability. */
const reassessmentPolicySchema = z.strictObject({
  /** `raise` moves credibility toward the ceiling, `lower` moves it toward zero. */
  effect: z.enum(['raise', 'lower']),
  /** Fraction of the remaining distance moved by one fully reliable answer. */
  strength: unit,
});

const thresholdSchema = z.strictObject({
  name: z.string().min(1).max(64),
  value: z.number().gt(0).max(100),
});
export type Threshold = z.infer<typeof thresholdSchema>;

/** The scoring policy: every number the trust model uses, validated once when the file is read. */
export const policySchema = z
  .strictObject({
    version: z.string().min(1).max(64),
    baseline: z.number().gt(0).max(100),
    /** Cap on one factor's weight, so no single factor can take the score to zero on its own. */
    maxWeight: z.number().gt(0).lt(1),
    /** A factor whose weight fell below this no longer counts as present (decayed to nothing). */
    negligibleWeight: z.number().min(0).lt(1),
    /** Effective exposure = floor + (1 - floor) * exposure for any exposure above zero. */
    exposureFloor: unit,
    kinds: z.record(factorKindSchema, kindPolicySchema),
    credibility: z.strictObject({
      /** Credibility of a factor observed first hand (firmware on the customer's own servers). */
      observed: unit,
      /** Ceiling that corroborations approach but never reach. */
      ceiling: unit,
      reassessments: z.record(z.enum(REASSESSMENT_KINDS), reassessmentPolicySchema),
    }),
    countryRisk: z.strictObject({
      /** Risk of a country missing from the table. */
      default: unit,
      table: z.partialRecord(isoCountryCodeSchema, unit),
    }),
    /** CVSS base score assumed when an advisory carries none. */
    advisoryDefaultCvss: z.number().min(0).max(10),
    /** Ordered from mildest to most severe (highest value first). */
    thresholds: z.array(thresholdSchema).min(1).max(10),
    /** Points above a threshold a score must regain before it leaves that threshold's band. */
    hysteresis: z.number().min(0).max(50),
    /** Smallest move in points worth reporting as a trust change. */
    materiality: z.number().min(0).max(100),
    /** How far ahead the decay scheduler looks for the next crossing, in hours. */
    schedulingHorizonHours: z.number().positive().max(1_000_000),
  })
  .superRefine((policy, ctx) => {
    const names = new Set(policy.thresholds.map((t) => t.name));
    if (names.size !== policy.thresholds.length) {
      ctx.addIssue({ code: 'custom', path: ['thresholds'], message: 'threshold names must be unique' });
    }
    policy.thresholds.forEach((threshold, i) => {
      const previous = policy.thresholds[i - 1];
      if (previous !== undefined && previous.value <= threshold.value) {
        ctx.addIssue({
          code: 'custom',
          path: ['thresholds', i, 'value'],
          message: 'thresholds must be listed from the highest value to the lowest',
        });
      }
      if (threshold.value > policy.baseline) {
        ctx.addIssue({
          code: 'custom',
          path: ['thresholds', i, 'value'],
          message: 'a threshold above the baseline would fire with no factor at all',
        });
      }
    });
  });

/** A validated scoring policy. */
export type Policy = z.infer<typeof policySchema>;

/** The kinds a policy must cover, re-exported so tests can check coverage without the schemas package. */
export const POLICY_KINDS = FACTOR_KINDS;
