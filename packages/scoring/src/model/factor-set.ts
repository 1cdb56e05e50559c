import type { Factor, Reassessment } from '@trustwatch/schemas';

/**
 * The factors as a set: one per id, sorted by id. A factor id is derived from its evidence, so two
 * copies are the same fact; they may differ only in what was learnt later, which is merged (the union of
 * their reassessments, the earliest resolution). Sorting makes every sum over factors run in one order,
 * so the score is bit-for-bit independent of arrival order, and applying a factor twice equals once.
 */
export function normalizeFactors(factors: readonly Factor[]): Factor[] {
  // Callers mostly pass a set already normalised (stored factors come sorted by id): nothing to merge.
  if (strictlySortedById(factors)) return [...factors];
  const byId = new Map<string, Factor>();
  for (const factor of factors) {
    const known = byId.get(factor.id);
    byId.set(factor.id, known === undefined ? factor : mergeFactor(known, factor));
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Two copies of one factor merged; commutative, associative and idempotent in what the score reads. */
export function mergeFactor(a: Factor, b: Factor): Factor {
  const reassessments = new Map<string, Reassessment>();
  for (const r of [...a.reassessments, ...b.reassessments]) reassessments.set(r.id, r);
  const resolvedAt = earliest(a.resolvedAt, b.resolvedAt);
  const { resolvedAt: _dropped, ...rest } = a;
  return {
    ...rest,
    reassessments: [...reassessments.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)),
    ...(resolvedAt === undefined ? { status: 'active' } : { status: 'resolved', resolvedAt }),
  };
}

function earliest(x: string | undefined, y: string | undefined): string | undefined {
  if (x === undefined) return y;
  if (y === undefined) return x;
  return Date.parse(x) <= Date.parse(y) ? x : y;
}

function strictlySortedById(factors: readonly Factor[]): boolean {
  for (let i = 1; i < factors.length; i += 1) {
    const previous = factors[i - 1];
    const current = factors[i];
    if (previous === undefined || current === undefined || !(previous.id < current.id)) return false;
  }
  return true;
}
