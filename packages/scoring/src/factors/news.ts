import {
  factorId,
  reassessmentId,
  type AdmiraltyGrade,
  type FactorKind,
  type ReassessmentKind,
  type SharedFactor,
} from '@trustwatch/schemas';
import { admiraltyCredibility } from '../policy/admiralty.js';
import type { Policy } from '../policy/policy-schema.js';
import { severityFor } from './policy-terms.js';

/** The news kinds a classified article can claim. */
export type NewsClaimKind = Extract<
  FactorKind,
  'news_allegation' | 'news_compromise' | 'news_malicious_firmware' | 'news_vulnerability' | 'sanctions'
>;

/** A claim about a vendor (or one of its suppliers or products), syndication already collapsed. */
export interface NewsClaimFact {
  readonly eventId: string;
  /** One story however many outlets carried it. */
  readonly storyId: string;
  readonly kind: NewsClaimKind;
  readonly vendorId: string;
  /** What the claim is about when not the vendor itself. */
  readonly entity?: { readonly kind: 'vendor' | 'supplier' | 'product' | 'firmware'; readonly id: string };
  readonly outlets: readonly string[];
  readonly urls: readonly string[];
  readonly admiralty?: AdmiraltyGrade;
  readonly occurredAt: string;
  readonly summary: string;
}

/** Grade of a report nobody graded: source and truth both "cannot be judged" (F6). */
const UNGRADED: AdmiraltyGrade = { reliability: 'F', credibility: 6 };

/**
 * The shared factor of a news claim: one per story and vendor, whatever outlet syndicated it. Its
 * credibility is the admiralty grade's (reliability x credibility, MISP values), F6 when ungraded.
 */
export function newsClaimFactor(claim: NewsClaimFact, policy: Policy): SharedFactor {
  const grade = claim.admiralty ?? UNGRADED;
  return {
    id: factorId(claim.kind, null, claim.storyId, claim.vendorId),
    kind: claim.kind,
    scope: {
      level: 'entity',
      entity: claim.entity ?? { kind: 'vendor', id: claim.vendorId },
      vendorId: claim.vendorId,
    },
    severity: severityFor(claim.kind, undefined, policy),
    credibility: admiraltyCredibility(grade),
    occurredAt: claim.occurredAt,
    halfLifeHours: policy.kinds[claim.kind].halfLifeHours,
    status: 'active',
    evidence: {
      eventIds: [claim.eventId],
      urls: [...claim.urls],
      outlets: [...new Set(claim.outlets)].sort(),
      storyId: claim.storyId,
      admiralty: grade,
    },
    reassessments: [],
    summary: claim.summary,
  };
}

/** Later evidence answering a claim: a denial, a retraction, an audit, a corroborating story. */
export interface ClaimAnswer {
  readonly eventId: string;
  readonly kind: ReassessmentKind;
  /** Who answered: outlet, vendor, agency or auditor. */
  readonly by: string;
  readonly storyId?: string;
  readonly admiralty?: AdmiraltyGrade;
  readonly at: string;
  readonly urls: readonly string[];
  readonly summary: string;
}

/**
 * The claim with an answer added to its reassessments (in time order); the claim's evidence and earlier
 * reassessments are kept, so its credibility at any earlier instant is unchanged. Idempotent: the
 * reassessment id comes from the claim, kind, party and answering story (or event), so a re-sent
 * answer returns the claim as it was.
 */
export function answerClaim<T extends Pick<SharedFactor, 'id' | 'reassessments'>>(
  claim: T,
  answer: ClaimAnswer,
): T {
  const id = reassessmentId(claim.id, answer.kind, answer.by, answer.storyId ?? answer.eventId);
  if (claim.reassessments.some((r) => r.id === id)) return claim;
  const reassessment = {
    id,
    kind: answer.kind,
    at: answer.at,
    by: answer.by,
    ...(answer.storyId === undefined ? {} : { storyId: answer.storyId }),
    ...(answer.admiralty === undefined ? {} : { admiralty: answer.admiralty }),
    eventIds: [answer.eventId],
    urls: [...answer.urls],
    summary: answer.summary,
  };
  // Kept in time order (ties by id), so the same answers give the same claim whatever order they came in.
  const reassessments = [...claim.reassessments, reassessment].sort((a, b) =>
    a.at === b.at ? (a.id < b.id ? -1 : 1) : Date.parse(a.at) - Date.parse(b.at),
  );
  return { ...claim, reassessments };
}
