import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR, SEED, SIZES_IN_USE } from '../config.js';

/** A measured figure: a number with its unit, a yes/no, or a note such as "not measured: offline". */
export type Figure = number | string | boolean;

/** What one fault reports: its figures, whether they met the bar, and what the bar is. */
export interface FaultResult {
  readonly fault: string;
  readonly title: string;
  /** The pass condition in words, printed next to the figures. */
  readonly criterion: string;
  readonly passed: boolean;
  readonly figures: Readonly<Record<string, Figure>>;
  readonly notes?: readonly string[];
}

/**
 * Writes a fault's result to results/<size>/<fault>.json (one file per fault, so parallel test files
 * never write the same file); scripts/render-reliability.mjs turns the folder into RELIABILITY.md.
 */
export function recordResult(result: FaultResult, startedAt: number): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const body = {
    ...result,
    size: SIZES_IN_USE,
    seed: SEED,
    finishedAt: new Date().toISOString(),
    durationMs: Date.now() - startedAt,
  };
  writeFileSync(join(RESULTS_DIR, `${result.fault}.json`), `${JSON.stringify(body, null, 2)}\n`);
}
