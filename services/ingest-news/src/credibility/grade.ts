import type { ClaimKind, NewsClaim, Reliability, StoryCredibility } from '@trustwatch/schemas';

/** Kinds that answer an earlier claim rather than make one. */
export const ANSWER_KINDS: ReadonlySet<ClaimKind> = new Set(['denial', 'retraction', 'audit_clearance']);

/** Kinds that accuse an entity, and so are what denials, retractions and audits answer. */
export const ALLEGATION_KINDS: ReadonlySet<ClaimKind> = new Set([
  'backdoor_allegation',
  'compromise',
  'malicious_firmware',
]);

/** What the ledger knows about the claims of one story when it is graded. */
export interface CorroborationView {
  /** Independent sources (origin groups of distinct stories) making the story's best-supported claim. */
  readonly independentOutlets: number;
  /** True when another story denied a claim this story makes (a denial, or a `denies` stance). */
  readonly denied: boolean;
  /** True when a retraction or a clearing audit answered a claim this story makes. */
  readonly retracted: boolean;
}

/**
 * The admiralty grade of a story. Reliability is its origin outlet's (syndicators repeat, they do not
 * vouch). Information credibility follows the scale's own definitions: 1 "confirmed by other
 * independent sources" (three or more), 2 "probably true" (two), 3 "possibly true" (one, not
 * contradicted), 4 "doubtful" (one source that only hedges, or a claim another source denied),
 * 5 "improbable" (retracted or cleared by an audit), 6 "cannot be judged" (no claim read at all).
 */
export function gradeStory(
  origin: Reliability,
  claims: readonly Pick<NewsClaim, 'kind' | 'stance'>[],
  view: CorroborationView,
): StoryCredibility {
  const independentOutlets = Math.max(1, view.independentOutlets);
  return {
    reliability: origin,
    credibility: credibilityOf(claims, view, independentOutlets),
    independentOutlets,
  };
}

function credibilityOf(
  claims: readonly Pick<NewsClaim, 'kind' | 'stance'>[],
  view: CorroborationView,
  independent: number,
): number {
  if (claims.length === 0) return 6;
  if (view.retracted) return 5;
  if (independent >= 3) return 1;
  if (independent === 2) return view.denied ? 3 : 2;
  if (view.denied) return 4;
  const onlyHedged = claims.every((claim) => claim.stance === 'hedged');
  return onlyHedged ? 4 : 3;
}
