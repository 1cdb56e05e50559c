import type { ClaimKind, NewsClaim } from '@trustwatch/schemas';
import { ALLEGATION_KINDS, ANSWER_KINDS, type CorroborationView } from './grade.js';

interface Assertion {
  readonly storyId: string;
  readonly group: string;
  /** Order of recording, so "the latest story" does not depend on map iteration order. */
  readonly seq: number;
}

const key = (entityId: string, kind: ClaimKind): string => `${entityId}|${kind}`;

/**
 * Remembers which stories made which claims about which entity, so a new story can be graded by how
 * many independent sources say the same thing and whether anyone denied or retracted it, and so an
 * answer (a denial, a retraction, an audit) can name the story it answers. One story counts once,
 * through its origin's independence group, however many outlets syndicated it.
 */
export class ClaimLedger {
  private readonly asserted = new Map<string, Assertion[]>();
  private readonly denied = new Set<string>();
  private readonly answered = new Set<string>();
  private seq = 0;

  /** Records a story's claims. Idempotent per story, so re-grading a story never counts it twice. */
  record(
    storyId: string,
    group: string,
    claims: readonly Pick<NewsClaim, 'entityId' | 'kind' | 'stance'>[],
  ): void {
    for (const claim of claims) {
      if (ANSWER_KINDS.has(claim.kind)) {
        if (claim.stance === 'denies') continue;
        // A retraction or clearing audit answers every allegation about the entity; a denial too.
        (claim.kind === 'denial' ? this.denied : this.answered).add(claim.entityId);
        continue;
      }
      if (claim.stance === 'denies') {
        this.denied.add(key(claim.entityId, claim.kind));
        continue;
      }
      const list = this.asserted.get(key(claim.entityId, claim.kind)) ?? [];
      if (!list.some((entry) => entry.storyId === storyId))
        list.push({ storyId, group, seq: (this.seq += 1) });
      this.asserted.set(key(claim.entityId, claim.kind), list);
    }
  }

  /** How the claims of a story stand against everything recorded so far. */
  view(claims: readonly Pick<NewsClaim, 'entityId' | 'kind' | 'stance'>[]): CorroborationView {
    let independentOutlets = 0;
    let denied = false;
    let retracted = false;
    for (const claim of claims) {
      if (ANSWER_KINDS.has(claim.kind) || claim.stance === 'denies') continue;
      const groups = new Set(
        (this.asserted.get(key(claim.entityId, claim.kind)) ?? []).map((entry) => entry.group),
      );
      independentOutlets = Math.max(independentOutlets, groups.size);
      // Denials, retractions and audits answer allegations; they say nothing about a relocation or a CVE.
      const answerable = ALLEGATION_KINDS.has(claim.kind);
      denied ||=
        (answerable && this.denied.has(claim.entityId)) || this.denied.has(key(claim.entityId, claim.kind));
      retracted ||= answerable && this.answered.has(claim.entityId);
    }
    return { independentOutlets, denied, retracted };
  }

  /** The most recent other story that made an allegation about the entity: what an answer answers. */
  answeredStory(entityId: string, excludeStoryId: string): string | undefined {
    let latest: Assertion | undefined;
    for (const kind of ALLEGATION_KINDS) {
      const assertions = this.asserted.get(key(entityId, kind)) ?? [];
      for (const assertion of assertions) {
        if (assertion.storyId !== excludeStoryId && (latest === undefined || assertion.seq > latest.seq)) {
          latest = assertion;
        }
      }
    }
    return latest?.storyId;
  }
}
