import {
  factorId,
  stableId,
  type AdmiraltyGrade,
  type EventOf,
  type FactorExposure,
  type NewsClaim,
  type ReassessmentKind,
  type SharedFactor,
} from '@trustwatch/schemas';
import { answerClaim, type ClaimAnswer, type NewsClaimKind } from '@trustwatch/scoring';
import type { VendorExposure } from '@trustwatch/store';
import { httpLinks, type PlanContext } from './context.js';
import type { CustomerPlan } from './plan.js';

type NewsEvent = EventOf<'com.trustwatch.news.classified.v1'>;

const CLAIM_KINDS: readonly NewsClaimKind[] = [
  'news_allegation',
  'news_compromise',
  'news_malicious_firmware',
  'news_vulnerability',
  'sanctions',
];

/** An answer kept in the store for its claim, with the vendors to look for the claim under. */
export interface KeptAnswer {
  readonly vendorIds: readonly string[];
  readonly answer: ClaimAnswer;
}

/**
 * Keeps an answer in the store under the story it answers, whether or not the claim is stored yet: the
 * answer's planner writes this before it looks for the claim, and the claim's planner stores its claim
 * before it reads the kept answers, so of two instances handling both at once at least one sees the
 * other (see `planNewsClassified`).
 */
export async function keepAnswer(
  storyId: string,
  vendorIds: readonly string[],
  answer: ClaimAnswer,
  ctx: PlanContext,
): Promise<void> {
  const kept: KeptAnswer = { vendorIds, answer };
  const answerId = stableId('ans', answer.kind, answer.by, answer.storyId ?? answer.eventId);
  await ctx.store.putPendingAnswer(storyId, { answerId, payload: JSON.stringify(kept) });
}

/** The answers kept for a story (see `keepAnswer`). */
export async function keptAnswers(storyId: string, ctx: PlanContext): Promise<KeptAnswer[]> {
  // Written by keepAnswer only, so the shape is ours; anything else is skipped, not trusted.
  return (await ctx.store.pendingAnswers(storyId)).flatMap(({ payload }) => {
    const kept = JSON.parse(payload) as Partial<KeptAnswer>;
    return Array.isArray(kept.vendorIds) && typeof kept.answer?.at === 'string' ? [kept as KeptAnswer] : [];
  });
}

/**
 * The claim with every kept answer naming its vendor. `answerClaim` dedupes by answer identity (kind,
 * party, answering story) and keeps reassessments in time order, so adding an answer the claim already
 * holds changes nothing and both racing instances may apply the same answer.
 */
export function withKeptAnswers(claim: SharedFactor, kept: readonly KeptAnswer[]): SharedFactor {
  if (claim.scope.level !== 'entity') return claim;
  const vendorId = claim.scope.vendorId;
  return kept
    .filter((k) => k.vendorIds.includes(vendorId))
    .reduce((factor, k) => answerClaim(factor, k.answer), claim);
}

/** The stored claims of the answered story about a vendor (one per claim kind it made). */
export async function answeredClaims(
  storyId: string,
  vendorId: string,
  answered: ReadonlyMap<string, SharedFactor>,
  ctx: PlanContext,
): Promise<SharedFactor[]> {
  const found: SharedFactor[] = [];
  for (const kind of CLAIM_KINDS) {
    const id = factorId(kind, null, storyId, vendorId);
    const factor = answered.get(id) ?? (await ctx.store.getSharedFactor(id));
    if (factor !== null) found.push(factor);
  }
  return found;
}

/**
 * The vendor's customers bound to the answered claims at the vendor's share of their fleet, as the
 * claim's planner binds them: the claim found may still be on its way to its customers (its planner
 * stores it before its apply), and binding the answered copy here too means every customer of the
 * vendor holds the answered claim after this apply, whether or not the claim's own apply bound it yet.
 */
export function rebind(
  claims: readonly SharedFactor[],
  customers: readonly VendorExposure[],
): CustomerPlan[] {
  return customers.map(({ customerId, share }) => ({
    customerId,
    factors: [],
    exposures: claims.map((claim): FactorExposure => ({
      factorId: claim.id,
      customerId,
      exposure: share,
      vendorExposure: 1,
    })),
  }));
}

/** The answer one claim of a story gives (a denial, retraction, audit or corroboration). */
export function answerOf(
  eventId: string,
  story: NewsEvent['data'],
  claim: NewsClaim,
  kind: ReassessmentKind,
  grade: AdmiraltyGrade,
): ClaimAnswer {
  return {
    eventId,
    kind,
    by: story.outlets[0]?.name ?? story.storyId,
    storyId: story.storyId,
    admiralty: grade,
    at: new Date(Date.parse(story.publishedAt)).toISOString(),
    urls: httpLinks(story.urls),
    summary: claim.sentence,
  };
}
