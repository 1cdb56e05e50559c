import { newsClassifiedSchema, stableId, type NewsClaim, type NewsClassified } from '@trustwatch/schemas';
import type { OutletDirectory } from '../credibility/outlets.js';
import { gradeStory } from '../credibility/grade.js';
import type { StixDenial } from '../understand/stix-answers.js';
import type { StoryRecord } from './news-state.js';

const MAX_TITLE_CHARS = 200;
const MAX_SENTENCE_CHARS = 1000;

/**
 * A STIX opinion or note that disputes reports, as a story of its own: one `denial` claim per subject
 * of each answered story, naming that story, so the trust engine can weigh the allegation down. Its
 * address is the answer's TAXII object address under the bundle's URL, as the STIX reader gives reports.
 */
export function denialStory(
  denial: StixDenial,
  answered: readonly StoryRecord[],
  sourceUrl: string,
  outlets: OutletDirectory,
): NewsClassified {
  const url = new URL(`objects/${denial.answerId}/`, sourceUrl.endsWith('/') ? sourceUrl : `${sourceUrl}/`)
    .href;
  const rating = outlets.rate(url);
  const sentence = denial.sentence.trim().slice(0, MAX_SENTENCE_CHARS);
  const entities = new Map(answered.flatMap((record) => record.subjects.map((e) => [e.entityId, e])));
  const claims: NewsClaim[] = answered.flatMap((record) =>
    record.subjects.map((subject) => ({
      entityId: subject.entityId,
      kind: 'denial' as const,
      stance: 'asserts' as const,
      sentence,
      answersStoryId: record.storyId,
    })),
  );
  return newsClassifiedSchema.parse({
    storyId: stableId('story', 'stix-answer', denial.answerId),
    canonicalUrl: url,
    urls: [url],
    outlets: [
      {
        name: denial.author ?? rating.name,
        url: new URL('/', url).href,
        reliability: rating.reliability,
      },
    ],
    title: sentence.slice(0, MAX_TITLE_CHARS),
    publishedAt: denial.created,
    language: 'en',
    entities: [...entities.values()],
    claims: uniqueByEntity(claims),
    // One analyst's disagreement, not yet corroborated by anyone else.
    credibility: gradeStory(rating.reliability, claims, {
      independentOutlets: 1,
      denied: false,
      retracted: false,
    }),
  });
}

function uniqueByEntity(claims: readonly NewsClaim[]): NewsClaim[] {
  const seen = new Set<string>();
  return claims.filter((claim) => {
    const id = `${claim.entityId}|${claim.answersStoryId ?? ''}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
