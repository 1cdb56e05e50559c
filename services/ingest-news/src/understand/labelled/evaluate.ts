import type { StoryClassifierDeps } from '../classify-story.js';
import { readStory } from '../classify-story.js';
import type { LabelledSentence } from './sentences.js';

export interface Scores {
  /** Correct (kind and stance) among the sentences where a claim was predicted. */
  readonly precision: number;
  /** Correct (kind and stance) among the sentences labelled with a claim. */
  readonly recall: number;
  /** Same, counting the kind only. */
  readonly kindPrecision: number;
  readonly kindRecall: number;
  readonly misses: readonly string[];
}

/** Runs the classifier over labelled sentences and scores it against the labels. */
export function evaluate(
  sentences: readonly LabelledSentence[],
  deps: Pick<StoryClassifierDeps, 'catalog' | 'lexicon'>,
): Scores {
  let predicted = 0;
  let labelled = 0;
  let exact = 0;
  let kindOnly = 0;
  const misses: string[] = [];
  for (const sentence of sentences) {
    const got = readStory(sentence.text, 'en', deps).claims.find(
      (claim) => claim.entityId === sentence.entityId,
    );
    if (got !== undefined) predicted += 1;
    if (sentence.expected !== null) labelled += 1;
    const kindRight = got !== undefined && got.kind === sentence.expected?.kind;
    const right = kindRight && got.stance === sentence.expected?.stance;
    if (kindRight) kindOnly += 1;
    if (right) exact += 1;
    if (!right && !(got === undefined && sentence.expected === null)) {
      const want =
        sentence.expected === null ? 'none' : `${sentence.expected.kind}/${sentence.expected.stance}`;
      misses.push(
        `${sentence.text} -> ${got === undefined ? 'none' : `${got.kind}/${got.stance}`} (want ${want})`,
      );
    }
  }
  return {
    precision: exact / Math.max(1, predicted),
    recall: exact / Math.max(1, labelled),
    kindPrecision: kindOnly / Math.max(1, predicted),
    kindRecall: kindOnly / Math.max(1, labelled),
    misses,
  };
}
