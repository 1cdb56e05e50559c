import { factorId, type Factor } from '@trustwatch/schemas';
import type { Policy } from '../policy/policy-schema.js';
import { severityFor } from './policy-terms.js';

/** An advisory matched against one customer's fleet: the assets whose installed version it affects. */
export interface AdvisoryExposure {
  readonly eventId: string;
  /** CVE id or vendor advisory id. */
  readonly advisoryId: string;
  readonly cvssBaseScore?: number;
  readonly customerId: string;
  readonly vendorId: string;
  /** The product or firmware component concerned (e.g. `X13SEM-F/bmc`). */
  readonly component: string;
  readonly occurredAt: string;
  /** Share of the customer's fleet running an affected version (see `cveVersionStatus`). */
  readonly exposure: number;
  readonly vendorExposure: number;
  readonly urls: readonly string[];
  readonly summary: string;
}

/**
 * The `advisory_exposure` factor of one advisory for one customer and component, rated by CVSS
 * (severity = base score / 10, the policy default when absent). One id per customer, advisory and
 * component: a re-sent advisory updates nothing, and an upgrade out of the affected range resolves it
 * (`resolveFactor`). Returns `null` when no asset runs an affected version.
 */
export function advisoryFactor(input: AdvisoryExposure, policy: Policy): Factor | null {
  if (input.exposure <= 0 && input.vendorExposure <= 0) return null;
  const details = {
    advisoryId: input.advisoryId,
    ...(input.cvssBaseScore === undefined ? {} : { cvssBaseScore: input.cvssBaseScore }),
  };
  return {
    id: factorId('advisory_exposure', input.customerId, input.advisoryId, input.component),
    kind: 'advisory_exposure',
    scope: {
      level: 'entity',
      entity: { kind: 'firmware', id: input.component },
      vendorId: input.vendorId,
    },
    severity: severityFor('advisory_exposure', details, policy),
    credibility: policy.credibility.observed,
    occurredAt: input.occurredAt,
    halfLifeHours: policy.kinds.advisory_exposure.halfLifeHours,
    status: 'active',
    evidence: { eventIds: [input.eventId], urls: [...input.urls], outlets: [] },
    reassessments: [],
    details,
    summary: input.summary,
    origin: 'customer',
    customerId: input.customerId,
    exposure: input.exposure,
    vendorExposure: input.vendorExposure,
  };
}
