import { stableId } from '@trustwatch/schemas';
import type { StixReading } from '../parse/stix.js';
import { ANSWER_KINDS } from '../credibility/grade.js';
import { canonicalUrl } from './canonical-url.js';
import { classifyClause, clausesOf } from './classify-claims.js';
import type { Lexicon } from './lexicon.js';
import { splitSentences } from './text.js';

/** A STIX opinion or note that disagrees with reports, linked to the stories those reports became. */
export interface StixDenial {
  readonly answerId: string;
  /** Story ids of the answered reports, as {@link StoryDesk} gives them. */
  readonly answersStoryIds: readonly string[];
  readonly author: string | undefined;
  /** The text the disagreement was read from (the opinion's explanation, the note's sentence). */
  readonly sentence: string;
  readonly created: string;
}

/**
 * The denials in a bundle: opinions of `disagree` or `strongly-disagree`, and notes whose text the
 * claim lexicon reads as a denial, retraction or clearing audit, or as negating a claim. Opinions and
 * notes that refer to no report of the bundle are kept with an empty story list; the caller may know
 * the report from an earlier bundle.
 */
export function stixDenials(reading: StixReading, lexicon: Lexicon): StixDenial[] {
  const storyOf = new Map(
    reading.reports.map((report) => [report.reportId, stableId('story', canonicalUrl(report.article.url))]),
  );
  return reading.answers.flatMap((answer): StixDenial[] => {
    const sentence =
      answer.disagrees === undefined
        ? disagreeingSentence(answer.text, lexicon)
        : answer.disagrees
          ? answer.text
          : undefined;
    if (sentence === undefined) return [];
    return [
      {
        answerId: answer.id,
        answersStoryIds: answer.answers.flatMap((id) => {
          const story = storyOf.get(id);
          return story === undefined ? [] : [story];
        }),
        author: answer.author,
        sentence,
        created: answer.created,
      },
    ];
  });
}

function disagreeingSentence(text: string, lexicon: Lexicon): string | undefined {
  for (const sentence of splitSentences(text)) {
    for (const clause of clausesOf(sentence)) {
      const claim = classifyClause(clause.tokens, lexicon);
      if (claim !== undefined && (ANSWER_KINDS.has(claim.kind) || claim.stance === 'denies'))
        return sentence.text;
    }
  }
  return undefined;
}
