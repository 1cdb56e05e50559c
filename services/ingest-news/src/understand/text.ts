import winkNLP, { type ItemSentence, type ItsFunction } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** One token of a sentence with its offsets into the sentence text (UTF-16, end exclusive). */
export interface WordToken {
  /** Lower-cased form; contractions expanded by the tokenizer (`weren't` -> `were`, `not`). */
  readonly normal: string;
  /** Dictionary form (`denied` -> `deny`, `chips` -> `chip`), so lexicons list each word once. */
  readonly lemma: string;
  readonly punctuation: boolean;
  readonly start: number;
  readonly end: number;
}

export interface Sentence {
  readonly text: string;
  readonly tokens: readonly WordToken[];
}

// Loading the model takes a few hundred milliseconds; do it once per process, on first use.
let engine: ReturnType<typeof winkNLP> | undefined;
function nlp(): ReturnType<typeof winkNLP> {
  engine ??= winkNLP(model);
  return engine;
}

/**
 * Splits text into sentences and tokens with wink-nlp's English model (abbreviations such as `Inc.`
 * and `U.S.` do not end a sentence). Works on other languages too, less precisely; the classifier only
 * reads English sentences, while entity matching reads every sentence.
 */
export function splitSentences(text: string): Sentence[] {
  const { its } = nlp();
  const doc = nlp().readDoc(text);
  const sentences: Sentence[] = [];
  doc.sentences().each((sentence: ItemSentence) => {
    const sentenceText = sentence.out();
    // wink-nlp's `its` helpers are plain functions typed as methods; passing them to out() is the
    // library's documented use. Its typings also declare its.lemma with a signature out() rejects.
    /* eslint-disable @typescript-eslint/unbound-method */
    const values = sentence.tokens().out(its.value);
    const normals = sentence.tokens().out(its.normal);
    const lemmas = sentence.tokens().out(its.lemma as unknown as ItsFunction<string>);
    const types = sentence.tokens().out(its.type);
    /* eslint-enable @typescript-eslint/unbound-method */
    const tokens: WordToken[] = [];
    let cursor = 0;
    values.forEach((value, index) => {
      // Expanded contractions ("n't" read as "not") keep their written value, so indexOf still finds them.
      const found = sentenceText.indexOf(value, cursor);
      const start = found === -1 ? cursor : found;
      const end = found === -1 ? cursor : found + value.length;
      cursor = end;
      tokens.push({
        normal: normals[index] ?? value.toLowerCase(),
        lemma: lemmas[index] ?? value.toLowerCase(),
        punctuation: types[index] === 'punctuation',
        start,
        end,
      });
    });
    sentences.push({ text: sentenceText, tokens });
  });
  return sentences;
}

/** A word of a lexicon phrase in both forms: a phrase lemmatised alone can differ from the same words in a sentence. */
export interface PhraseWord {
  readonly normal: string;
  readonly lemma: string;
}

/** The words of a short phrase, punctuation dropped, as lexicon cues are compared against sentence tokens. */
export function phraseWords(phrase: string): PhraseWord[] {
  return splitSentences(phrase).flatMap((sentence) =>
    sentence.tokens
      .filter((token) => !token.punctuation)
      .map((token) => ({ normal: token.normal, lemma: token.lemma })),
  );
}
