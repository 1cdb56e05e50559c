import type { ScoreWindow } from './alert-state.js';

// Buckets per window: the window's edge is known to 1/64 of its length (under a minute for an hour),
// and a window never holds more than 65 numbers however many changes arrive.
const BUCKETS_PER_WINDOW = 64;

function bucketWidth(windowMs: number): number {
  return Math.max(1, Math.ceil(windowMs / BUCKETS_PER_WINDOW));
}

function live(window: ScoreWindow, at: number, windowMs: number): (readonly [number, number])[] {
  const width = bucketWidth(windowMs);
  // A bucket is kept while any part of it is inside (at - window, at].
  return window.buckets.filter(([start]) => start + width > at - windowMs);
}

/**
 * Records scores seen at `at` (a change's score before and after) in a drop rule's window. Old buckets
 * fall out; a score arriving late (out of order) still counts in its bucket but does not become current.
 */
export function observeScores(
  window: ScoreWindow | undefined,
  at: number,
  scores: readonly number[],
  latest: number,
  windowMs: number,
): ScoreWindow {
  const width = bucketWidth(windowMs);
  const start = Math.floor(at / width) * width;
  const high = Math.max(...scores);
  const buckets = window === undefined ? [] : live(window, Math.max(at, window.currentAt), windowMs);
  const index = buckets.findIndex(([bucketStart]) => bucketStart === start);
  if (index === -1) {
    buckets.push([start, high]);
    buckets.sort(([a], [b]) => a - b);
  } else {
    const existing = buckets[index];
    if (existing !== undefined) buckets[index] = [start, Math.max(existing[1], high)];
  }
  const isLatest = window === undefined || at >= window.currentAt;
  return {
    buckets,
    current: isLatest ? latest : window.current,
    currentAt: isLatest ? at : window.currentAt,
  };
}

/** How far the current score is below the highest score seen within the window ending at `at` (>= 0). */
export function dropWithin(window: ScoreWindow, at: number, windowMs: number): number {
  const highs = live(window, at, windowMs).map(([, high]) => high);
  return Math.max(0, Math.max(window.current, ...highs) - window.current);
}

/** Whether a window holds nothing that could still count at `at`, so it can be forgotten. */
export function isWindowSpent(window: ScoreWindow, at: number, windowMs: number): boolean {
  return live(window, at, windowMs).length === 0;
}
