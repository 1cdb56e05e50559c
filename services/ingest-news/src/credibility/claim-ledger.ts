import type { ClaimKind, NewsClaim } from '@trustwatch/schemas';
import { ALLEGATION_KINDS, ANSWER_KINDS, type CorroborationView } from './grade.js';

/** One story asserting one claim. */
export interface Assertion {
  readonly storyId: string;
  readonly group: string;
  /** Order of recording, so "the latest story" does not depend on map iteration order. */
  readonly seq: number;
}

const key = (entityId: string, kind: ClaimKind): string => `${entityId}|${kind}`;
const entityOf = (entry: string): string => entry.split('|')[0] ?? entry;

/**
 * The part of a ledger that concerns some entities, as plain data: what a shared store keeps and hands
 * back, so a story is graded against every instance's records, not one process's memory.
 */
export interface LedgerSlice {
  /** `entityId|kind` -> stories asserting it, with their independence group and recording order. */
  readonly asserted: readonly (readonly [string, readonly Assertion[]])[];
  /** Entity ids denied outright, and `entityId|kind` pairs a story denied. */
  readonly denied: readonly string[];
  /** Entity ids whose allegations a retraction or clearing audit answered. */
  readonly answered: readonly string[];
}

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

  /** A ledger holding a slice read back from a store; new records number after the slice's. */
  static fromSlice(slice: LedgerSlice): ClaimLedger {
    const ledger = new ClaimLedger();
    for (const [claimKey, list] of slice.asserted) {
      ledger.asserted.set(claimKey, [...list]);
      for (const entry of list) ledger.seq = Math.max(ledger.seq, entry.seq);
    }
    for (const entry of slice.denied) ledger.denied.add(entry);
    for (const entry of slice.answered) ledger.answered.add(entry);
    return ledger;
  }

  /** Everything recorded about the given entities, as plain data (see {@link LedgerSlice}). */
  slice(entityIds: Iterable<string>): LedgerSlice {
    const wanted = new Set(entityIds);
    return {
      asserted: [...this.asserted]
        .filter(([claimKey]) => wanted.has(entityOf(claimKey)))
        .map(([claimKey, list]) => [claimKey, [...list]] as const),
      denied: [...this.denied].filter((entry) => wanted.has(entityOf(entry))),
      answered: [...this.answered].filter((entry) => wanted.has(entry)),
    };
  }

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
