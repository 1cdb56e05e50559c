import type { AdmiraltyGrade, EventOf, SharedFactor } from '@trustwatch/schemas';
import { answerClaim, newsClaimFactor, newsClaimRole } from '@trustwatch/scoring';
import { dedupeKey, httpLinks, millis, type PlanContext } from './context.js';
import {
  answerOf,
  answeredClaims,
  keepAnswer,
  keptAnswers,
  rebind,
  withKeptAnswers,
} from './news-answers.js';
import { bindToCustomers } from './supplier-changed.js';
import { mergeCustomerPlans, type CustomerPlan, type EventPlan } from './plan.js';

type NewsEvent = EventOf<'com.trustwatch.news.classified.v1'>;

/**
 * A story's claims: a new claim about a vendor (or a supplier, attributed to each vendor buying from it)
 * is one shared factor, bound to the vendor's customers by its share of their fleet. A denial, retraction
 * or audit appends a reassessment to the claim it answers (never erasing it), and every customer exposed
 * to that claim is re-scored.
 *
 * Engine instances plan at the same moment (news is partitioned by story, fleets by customer), so each
 * side writes before it reads the other side's; the store serialises the calls, so of two racing sides
 * at least one sees the other:
 * - a claim is stored (`putSharedFactor`) before the answers kept for its story and before the vendor's
 *   customers are read: an answer's planner or a re-imported fleet's planner reading after that finds it;
 * - an answer is kept (`putPendingAnswer`) before its claim is looked for, and applied to the claim if
 *   found: a claim's planner reading the kept answers after that merges it. Both may apply the same
 *   answer; `answerClaim` dedupes by answer identity, so that is harmless.
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
    if (claim.answersStoryId === undefined) continue;
    // The answer may name the party answering (Apple) rather than the accused vendor: look for the
    // answered claim under every vendor the story names as well.
    const named = story.entities.filter((e) => e.kind === 'vendor').map((e) => e.entityId);
    const candidates = [...new Set([...vendorIds, ...named])];
    const answer = answerOf(event.id, story, claim, role.kind, grade);
    // Kept first, looked for second (see above). Kept answers of other instances ride along, so the
    // claim written here holds every answer kept before this one.
    await keepAnswer(claim.answersStoryId, candidates, answer, ctx);
    const kept = await keptAnswers(claim.answersStoryId, ctx);
    for (const vendorId of candidates) {
      const targets = await answeredClaims(claim.answersStoryId, vendorId, answered, ctx);
      if (targets.length === 0) continue;
      const updated = targets.map((t) => withKeptAnswers(answerClaim(t, answer), kept));
      for (const factor of updated) answered.set(factor.id, factor);
      const exposed = await ctx.store.customersOfVendor(vendorId, { readAhead: true });
      rescored.push(...rebind(updated, exposed));
    }
  }
  const { claims, bound } = await storeClaimsFirst(fresh, version, story.storyId, ctx);
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

/**
 * Makes new claims visible before anything of the other side is read, then merges the answers kept for
 * the story. Each claim is stored one millisecond before its event time, so any copy written at the
 * event time or later (this event's apply, an answered copy, an earlier delivery's) wins over it and
 * the write never replaces one: a redelivered claim is refused here and read back with the answers
 * stored with it since. The apply writes the merged claim at the plan's version, never older.
 */
async function storeClaimsFirst(
  fresh: readonly SharedFactor[],
  version: number,
  storyId: string,
  ctx: PlanContext,
): Promise<{ claims: SharedFactor[]; bound: CustomerPlan[] }> {
  if (fresh.length === 0) return { claims: [], bound: [] };
  // The writes are issued first and the reads in the same tick, so the store sends them in one round
  // trip, in that order: Redis runs a pipeline in order, so every read still comes after the writes.
  // Binding needs only each claim's id and vendor, which a stored copy shares with the fresh one.
  const writes = Promise.all(fresh.map((f) => ctx.store.putSharedFactor(f, version - 1)));
  const [written, copies, kept, bound] = await Promise.all([
    writes,
    Promise.all(fresh.map((f) => ctx.store.getSharedFactor(f.id))),
    keptAnswers(storyId, ctx),
    // A news item is fanned out on its own right after this: the store may read its customers now.
    bindToCustomers(fresh, ctx, { readAhead: true }),
  ]);
  // A refused write means a copy at the event time or later is stored: that one, with its answers.
  const stored = fresh.map((_, i) => (written[i] === true ? null : (copies[i] ?? null)));
  return { claims: fresh.map((factor, i) => withKeptAnswers(stored[i] ?? factor, kept)), bound };
}
