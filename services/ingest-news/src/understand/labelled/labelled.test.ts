import { describe, expect, it } from 'vitest';
import { classifierDeps } from '../../test-support/deps.js';
import { evaluate } from './evaluate.js';
import { LABELLED_SENTENCES } from './sentences.js';

describe('claim classification on labelled sentences', () => {
  it('covers at least 60 sentences across every claim kind, negated and hedged variants, and no-claim sentences', () => {
    expect(LABELLED_SENTENCES.length).toBeGreaterThanOrEqual(60);
    const labels = new Set(LABELLED_SENTENCES.map((s) => (s.expected === null ? 'none' : s.expected.kind)));
    expect(labels.size).toBe(10);
    const stances = new Set(
      LABELLED_SENTENCES.flatMap((s) => (s.expected === null ? [] : [s.expected.stance])),
    );
    expect(stances).toEqual(new Set(['asserts', 'denies', 'hedged']));
  });

  it('reaches the precision and recall floors for kind and stance together', () => {
    const scores = evaluate(LABELLED_SENTENCES, classifierDeps());
    console.log(
      `labelled sentences: ${LABELLED_SENTENCES.length}; kind+stance precision ${scores.precision.toFixed(3)} recall ${scores.recall.toFixed(3)}; kind-only precision ${scores.kindPrecision.toFixed(3)} recall ${scores.kindRecall.toFixed(3)}`,
    );
    for (const miss of scores.misses) console.log(`  miss: ${miss}`);
    // Measured 1.000 / 0.982 (54 of 55 labelled claims). Precision tolerates one new wrong claim; recall
    // and kind recall fail as soon as one more labelled claim is lost.
    expect(scores.precision).toBeGreaterThanOrEqual(0.97);
    expect(scores.recall).toBeGreaterThanOrEqual(0.96);
    expect(scores.kindRecall).toBeGreaterThanOrEqual(0.96);
  });
});
