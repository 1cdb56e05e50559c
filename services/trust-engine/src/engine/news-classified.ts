import {
  factorId,
  stableId,
  type AdmiraltyGrade,
  type EventOf,
  type NewsClaim,
  type ReassessmentKind,
  type SharedFactor,
} from '@trustwatch/schemas';
import {
  answerClaim,
  newsClaimFactor,
  newsClaimRole,
  type ClaimAnswer,
  type NewsClaimKind,
} from '@trustwatch/scoring';
import { dedupeKey, httpLinks, millis, type PlanContext } from './context.js';
import { bindToCustomers } from './supplier-changed.js';
import { mergeCustomerPlans, type CustomerPlan, type EventPlan } from './plan.js';

type NewsEvent = EventOf<'com.trustwatch.news.classified.v1'>;

const CLAIM_KINDS: readonly NewsClaimKind[] = [
  'news_allegation',
  'news_compromise',
  'news_malicious_firmware',
  'news_vulnerability',
  'sanctions',
];

/**
 * A story's claims: a new claim about a vendor (or a supplier, attributed to each vendor buying from it)
 * is one shared factor, bound to the vendor's customers by its share of their fleet. A denial, retraction
 * or audit appends a reassessment to the claim it answers (never erasing it), and every customer exposed
 * to that claim is re-scored.
 */
export async function planNewsClassified(event: NewsEvent, ctx: PlanContext): Promise<EventPlan> {
  const story = event.data;
  const version = millis(story.publishedAt);
  const grade: AdmiraltyGrade = {
    reliability: story.credibility.reliability,
    credibility: story.credibility.credibility as AdmiraltyGrade['credibility'],
  };
  const fresh: SharedFactor[] = [];
  const answered = new Map<string, SharedFactor>();
  const rescored: CustomerPlan[] = [];
  for (const claim of story.claims) {
    const role = newsClaimRole(claim.kind, claim.stance, claim.answersStoryId);
    if (role.role === 'none') continue;
    const entity = story.entities.find((e) => e.entityId === claim.entityId);
    if (entity === undefined || entity.kind === 'product') continue;
    const vendorIds =
      entity.kind === 'vendor'
        ? [entity.entityId]
        : (await ctx.store.vendorsOfSupplier(entity.entityId)).map((l) => l.vendorId);
    if (role.role === 'claim') {
      for (const vendorId of new Set(vendorIds)) {
        fresh.push(
          newsClaimFactor(
            {
              eventId: event.id,
              storyId: story.storyId,
              kind: role.kind,
              vendorId,
              ...(entity.kind === 'supplier' ? { entity: { kind: 'supplier', id: entity.entityId } } : {}),
              outlets: story.outlets.map((o) => o.name),
              urls: httpLinks(story.urls),
              admiralty: grade,
              occurredAt: new Date(version).toISOString(),
              summary: claim.sentence,
            },
            ctx.policy,
          ),
        );
      }
      continue;
    }
    // The answer may name the party answering (Apple) rather than the accused vendor: look for the
    // answered claim under every vendor the story names as well.
    const named = story.entities.filter((e) => e.kind === 'vendor').map((e) => e.entityId);
    const candidates = [...new Set([...vendorIds, ...named])];
    const answer = answerOf(event.id, story, claim, role.kind, grade);
    let found = false;
    for (const vendorId of candidates) {
      const targets = await answeredClaims(claim, vendorId, answered, ctx);
      for (const target of targets) answered.set(target.id, answerClaim(target, answer));
      if (targets.length === 0) continue;
      found = true;
      for (const { customerId } of await ctx.store.customersOfVendor(vendorId))
        rescored.push({ customerId, factors: [], exposures: [] });
    }
    if (!found && claim.answersStoryId !== undefined) {
      await keepForClaim(claim.answersStoryId, candidates, answer, ctx);
    }
  }
  const early = fresh.length === 0 ? [] : await pendingAnswersOf(story.storyId, ctx);
  // A redelivered claim keeps the answers stored with it since; a new one takes those that came first.
  const stored = await Promise.all(fresh.map((f) => ctx.store.getSharedFactor(f.id)));
  const claims = fresh.map((factor, i) => withEarlyAnswers(stored[i] ?? factor, early));
  const bound = await bindToCustomers(claims, ctx);
  const shared = [...claims, ...answered.values()];
  // A claim's stored version is its latest answer's time: written at an older one (a claim whose
  // answers came first, an answer older than another one already in) the store would refuse it.
  const answeredAt = shared.flatMap((f) => f.reassessments.map((r) => Date.parse(r.at)));
  return {
    eventKey: dedupeKey(event),
    causeEventId: event.id,
    version: Math.max(version, ...answeredAt),
    shared,
    customers: mergeCustomerPlans([...bound, ...rescored]),
  };
}

/** An answer kept in the store until its claim arrives, with the vendors to look for the claim under. */
interface EarlyAnswer {
  readonly vendorIds: readonly string[];
  readonly answer: ClaimAnswer;
}

/**
 * An answer to a story not seen yet (news arrives out of order): kept in the store, so whichever
 * engine instance handles the claim applies it then.
 */
async function keepForClaim(
  storyId: string,
  vendorIds: readonly string[],
  answer: ClaimAnswer,
  ctx: PlanContext,
): Promise<void> {
  const early: EarlyAnswer = { vendorIds, answer };
  const answerId = stableId('ans', answer.kind, answer.by, answer.storyId ?? answer.eventId);
  await ctx.store.putPendingAnswer(storyId, { answerId, payload: JSON.stringify(early) });
}

async function pendingAnswersOf(storyId: string, ctx: PlanContext): Promise<EarlyAnswer[]> {
  // Written by keepForClaim only, so the shape is ours; anything else is skipped, not trusted.
  return (await ctx.store.pendingAnswers(storyId)).flatMap(({ payload }) => {
    const early = JSON.parse(payload) as Partial<EarlyAnswer>;
    return Array.isArray(early.vendorIds) && typeof early.answer?.at === 'string'
      ? [early as EarlyAnswer]
      : [];
  });
}

function withEarlyAnswers(claim: SharedFactor, early: readonly EarlyAnswer[]): SharedFactor {
  if (claim.scope.level !== 'entity') return claim;
  const vendorId = claim.scope.vendorId;
  return early
    .filter((e) => e.vendorIds.includes(vendorId))
    .reduce((factor, e) => answerClaim(factor, e.answer), claim);
}

/** The stored claims of the answered story about a vendor (one per claim kind it made). */
async function answeredClaims(
  claim: NewsClaim,
  vendorId: string,
  answered: ReadonlyMap<string, SharedFactor>,
  ctx: PlanContext,
): Promise<SharedFactor[]> {
  const storyId = claim.answersStoryId;
  if (storyId === undefined) return [];
  const found: SharedFactor[] = [];
  for (const kind of CLAIM_KINDS) {
    const id = factorId(kind, null, storyId, vendorId);
    const factor = answered.get(id) ?? (await ctx.store.getSharedFactor(id));
    if (factor !== null) found.push(factor);
  }
  return found;
}

function answerOf(
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
