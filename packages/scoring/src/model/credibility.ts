import type { Factor, Reassessment, SharedFactor } from '@trustwatch/schemas';
import { admiraltyReliability } from '../policy/admiralty.js';
import type { Policy } from '../policy/policy-schema.js';
import { toMillis } from './instant.js';

type Claim = Pick<Factor | SharedFactor, 'credibility' | 'evidence' | 'reassessments'>;

/**
 * The credibility of a claim at instant `t`: its credibility when first reported, moved by every
 * reassessment made at or before `t`, applied in time order (ties by id, so the result never depends on
 * the order reassessments were stored in). Later reassessments are ignored, so an as-of view shows the
 * credibility the claim had then, and none of its history is lost.
 *
 * Independence: a reassessment counts once per answering story, or per answering party when it has no
 * story. A corroboration from the claim's own story or outlets is a syndicated copy and counts not at all.
 * Each counted answer moves credibility by `strength * reliability of the answering source`: a raise
 * toward `credibility.ceiling`, a lower toward zero. Both are increasing in the prior credibility, so the
 * score stays monotonic in credibility.
 */
export function credibilityAt(claim: Claim, t: string | number, policy: Policy): number {
  const at = toMillis(t);
  let credibility = claim.credibility;
  for (const answer of countedReassessments(claim, at)) {
    const rule = policy.credibility.reassessments[answer.kind];
    const step = rule.strength * admiraltyReliability(answer.admiralty);
    if (rule.effect === 'raise') {
      const ceiling = Math.max(policy.credibility.ceiling, credibility);
      credibility += (ceiling - credibility) * step;
    } else {
      credibility *= 1 - step;
    }
  }
  return Math.min(1, Math.max(0, credibility));
}

/** The reassessments that count at `at`, in the order they apply. */
export function countedReassessments(claim: Claim, at: number): Reassessment[] {
  // Most claims are never answered; they skip the sets and the sort below.
  if (claim.reassessments.length === 0) return [];
  const ownStory = claim.evidence.storyId;
  const ownOutlets = new Set(claim.evidence.outlets);
  const seen = new Set<string>();
  const counted: Reassessment[] = [];
  const ordered = [...claim.reassessments]
    .filter((r) => toMillis(r.at) <= at)
    .sort((a, b) => toMillis(a.at) - toMillis(b.at) || compareText(a.id, b.id));
  for (const answer of ordered) {
    const isCorroboration = answer.kind === 'corroboration';
    const sameStory = ownStory !== undefined && answer.storyId === ownStory;
    if (isCorroboration && (sameStory || ownOutlets.has(answer.by))) continue;
    // One story (or one party without a story) answers once per kind, however often it is re-sent.
    const key = `${answer.kind}\u0000${answer.storyId ?? `by:${answer.by}`}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counted.push(answer);
  }
  return counted;
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
