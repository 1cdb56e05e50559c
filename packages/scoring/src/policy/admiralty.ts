import type { AdmiraltyGrade } from '@trustwatch/schemas';

/**
 * The admiralty scale's numeric values, copied from the MISP taxonomy `admiralty-scale`
 * (`misp-taxonomies/admiralty-scale.machinetag.json`, version 5, field `numerical_value`), divided by 100
 * so they are probabilities. A unit test checks them against that file.
 */
export const ADMIRALTY_RELIABILITY = { A: 1, B: 0.75, C: 0.5, D: 0.25, E: 0, F: 0.5 } as const;

/** Information credibility 1 (confirmed) to 6 (cannot be judged), same source and scaling. */
export const ADMIRALTY_CREDIBILITY = { 1: 1, 2: 0.75, 3: 0.5, 4: 0.25, 5: 0, 6: 0.5 } as const;

/**
 * How far to believe a report: the source's reliability times the information's credibility, both from
 * the taxonomy. B2 (usually reliable, probably true) gives 0.5625; anything from an unreliable source 0.
 */
export function admiraltyCredibility(grade: AdmiraltyGrade): number {
  return ADMIRALTY_RELIABILITY[grade.reliability] * ADMIRALTY_CREDIBILITY[grade.credibility];
}

/** How much an answering party's word weighs: its reliability; unknown parties count as F (cannot be judged). */
export function admiraltyReliability(grade: AdmiraltyGrade | undefined): number {
  return ADMIRALTY_RELIABILITY[grade?.reliability ?? 'F'];
}
