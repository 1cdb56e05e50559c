/** Repeated samples of one figure: median and range are what the report quotes. */
export interface Series {
  readonly samples: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Coefficient of variation (standard deviation / mean). */
  readonly cv: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function series(samples: readonly number[]): Series {
  const mean = samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length);
  const variance = samples.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, samples.length - 1);
  return {
    samples: [...samples],
    median: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
    cv: mean > 0 ? Math.sqrt(variance) / mean : 0,
  };
}

/** Above this coefficient of variation a series is measured again (the machine was busy). */
export const MAX_CV = 0.1;
