import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitRuns, type Segment } from './batch-runs.js';

const valid = (item: boolean): boolean => item;

/** The indices a segment covers, in order. */
function indices(segment: Segment): number[] {
  if (segment.kind === 'invalid') return [segment.at];
  return Array.from({ length: segment.to - segment.from }, (_, i) => segment.from + i);
}

describe('splitRuns', () => {
  it('keeps a batch of valid items as one run when it fits', () => {
    expect(splitRuns([true, true, true], valid, 5)).toEqual([{ kind: 'run', from: 0, to: 3 }]);
  });

  it('cuts runs at an invalid item, which becomes a segment of its own', () => {
    expect(splitRuns([true, true, false, true], valid, 5)).toEqual([
      { kind: 'run', from: 0, to: 2 },
      { kind: 'invalid', at: 2 },
      { kind: 'run', from: 3, to: 4 },
    ]);
  });

  it('cuts runs at the maximum size', () => {
    expect(splitRuns([true, true, true, true, true], valid, 2)).toEqual([
      { kind: 'run', from: 0, to: 2 },
      { kind: 'run', from: 2, to: 4 },
      { kind: 'run', from: 4, to: 5 },
    ]);
  });

  it('makes no empty runs around invalid items at the edges or next to each other', () => {
    expect(splitRuns([false, false, true, false], valid, 3)).toEqual([
      { kind: 'invalid', at: 0 },
      { kind: 'invalid', at: 1 },
      { kind: 'run', from: 2, to: 3 },
      { kind: 'invalid', at: 3 },
    ]);
    expect(splitRuns([], valid, 3)).toEqual([]);
  });

  it('covers every index once, in order, with maximal runs of valid items no longer than the maximum', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (items, max) => {
        const segments = splitRuns(items, valid, max);
        expect(segments.flatMap(indices)).toEqual(items.map((_, i) => i));
        segments.forEach((segment, i) => {
          if (segment.kind === 'invalid') {
            expect(items[segment.at]).toBe(false);
            return;
          }
          const length = segment.to - segment.from;
          expect(length).toBeGreaterThan(0);
          expect(length).toBeLessThanOrEqual(max);
          expect(items.slice(segment.from, segment.to).every(Boolean)).toBe(true);
          // Maximal: a run is only followed by another one when it is full.
          if (segments[i + 1]?.kind === 'run') expect(length).toBe(max);
        });
      }),
    );
  });
});
