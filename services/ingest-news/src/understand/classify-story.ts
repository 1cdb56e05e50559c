import type { EntityCatalog } from '@trustwatch/entities';
import {
  canonicalHost,
  newsClassifiedSchema,
  type NewsClaim,
  type NewsClassified,
  type NewsEntity,
  type NewsOutlet,
} from '@trustwatch/schemas';
import type { ClaimLedger } from '../credibility/claim-ledger.js';
import { ALLEGATION_KINDS, ANSWER_KINDS, gradeStory } from '../credibility/grade.js';
import { claimsOfSentence, type SentenceClaim } from './classify-claims.js';
import { primaryLanguage } from './language.js';
import type { Lexicon } from './lexicon.js';
import type { Story } from './story-desk.js';
import { splitSentences } from './text.js';

const MAX_ENTITIES = 100;
const MAX_CLAIMS = 200;
const MAX_SENTENCE_CHARS = 1000;
/** Languages the claim lexicon is written in; `und` is tried too, since short English often is. */
const LEXICON_LANGUAGES = new Set(['en', 'und']);

export interface StoryClassifierDeps {
  readonly catalog: EntityCatalog;
  readonly lexicon: Lexicon;
  readonly ledger: ClaimLedger;
}

/** What reading a story's text found, before grading: entities in order of first mention, claims, title entities. */
export interface StoryReading {
  readonly entityIds: string[];
  readonly titleEntityIds: ReadonlySet<string>;
  readonly claims: SentenceClaim[];
}

/**
 * Reads a story's text sentence by sentence: every sentence (in any language) for entities, English
 * sentences for claims. Paragraphs are split first so a headline without a full stop stays a sentence.
 */
export function readStory(
  text: string,
  language: string,
  deps: Pick<StoryClassifierDeps, 'catalog' | 'lexicon'>,
): StoryReading {
  const classify = LEXICON_LANGUAGES.has(primaryLanguage(language));
  const entityIds: string[] = [];
  const titleEntityIds = new Set<string>();
  const claims: SentenceClaim[] = [];
  let previous: string[] = [];
  text.split(/\n+/).forEach((paragraph, paragraphIndex) => {
    for (const sentence of splitSentences(paragraph)) {
      const mentions = deps.catalog.matchMentions(sentence.text);
      for (const mention of mentions) {
        if (!entityIds.includes(mention.entityId)) entityIds.push(mention.entityId);
        if (paragraphIndex === 0) titleEntityIds.add(mention.entityId);
      }
      if (!classify) continue;
      const result = claimsOfSentence(sentence, mentions, deps.lexicon, previous);
      claims.push(...result.claims);
      previous = result.lastEntities;
    }
  });
  return { entityIds, titleEntityIds, claims };
}

/**
 * Classifies a story into `news.classified` data: the entities it names (subjects: named in the
 * headline or the target of a claim), one claim per entity, kind and stance with its supporting
 * sentence, answers linked to the story they answer, and the admiralty grade from the ledger. The
 * story's claims are recorded in the ledger, so later stories see it as corroboration. The result is
 * validated against the schema before it is returned.
 */
export function classifyStory(story: Story, deps: StoryClassifierDeps): NewsClassified {
  const reading = readStory(story.text, story.language, deps);
  const origin = story.copies[0];
  if (origin === undefined) throw new Error('a story always has its first copy');

  const claims = uniqueClaims(reading.claims).map((claim): NewsClaim => {
    // An answer, or a flat negation of an allegation ("no implant was found"), answers earlier allegations.
    const answers =
      (ANSWER_KINDS.has(claim.kind) && claim.stance !== 'denies') ||
      (ALLEGATION_KINDS.has(claim.kind) && claim.stance === 'denies');
    const answered = answers ? deps.ledger.answeredStory(claim.entityId, story.storyId) : undefined;
    return {
      entityId: claim.entityId,
      kind: claim.kind,
      stance: claim.stance,
      sentence: claim.sentence.slice(0, MAX_SENTENCE_CHARS),
      ...(answered === undefined ? {} : { answersStoryId: answered }),
    };
  });
  deps.ledger.record(story.storyId, origin.rating.group, claims);
  const claimed = new Set(claims.map((claim) => claim.entityId));

  const entities = reading.entityIds.slice(0, MAX_ENTITIES).flatMap((entityId): NewsEntity[] => {
    const entity = deps.catalog.get(entityId);
    if (entity === undefined) return [];
    const subject = claimed.has(entityId) || reading.titleEntityIds.has(entityId);
    return [{ entityId, name: entity.name, kind: entity.kind, role: subject ? 'subject' : 'mentioned' }];
  });
  const kept = new Set(entities.map((entity) => entity.entityId));

  return newsClassifiedSchema.parse({
    storyId: story.storyId,
    canonicalUrl: story.canonicalUrl,
    urls: [...new Set(story.copies.map((copy) => copy.url))].slice(0, 200),
    outlets: outletsOf(story).slice(0, 200),
    title: story.title,
    publishedAt: earliest(story),
    language: story.language,
    entities,
    claims: claims.filter((claim) => kept.has(claim.entityId)),
    credibility: gradeStory(origin.rating.reliability, claims, deps.ledger.view(claims)),
  });
}

function uniqueClaims(claims: readonly SentenceClaim[]): SentenceClaim[] {
  const seen = new Set<string>();
  return claims
    .filter((claim) => {
      const id = `${claim.entityId}|${claim.kind}|${claim.stance}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .slice(0, MAX_CLAIMS);
}

function earliest(story: Story): string {
  // Instants may carry different offsets, so compare them as times, not as strings.
  return story.copies.reduce((first, copy) =>
    Date.parse(copy.publishedAt) < Date.parse(first.publishedAt) ? copy : first,
  ).publishedAt;
}

function outletsOf(story: Story): NewsOutlet[] {
  const byName = new Map<string, NewsOutlet>();
  for (const copy of story.copies) {
    const name = copy.rating.known ? copy.rating.name : copy.outletName;
    if (!byName.has(name)) {
      byName.set(name, {
        name,
        url: `https://${canonicalHost(copy.url)}/`,
        reliability: copy.rating.reliability,
      });
    }
  }
  return [...byName.values()];
}
