import type { Factor, FactorChange, ScoreSummary, TrustChanged } from '@trustwatch/schemas';
import { explain, type Evaluation, type Policy } from '@trustwatch/scoring';

// Bounds of trust.changed (see its schema): the store's feed keeps the full factor list anyway.
const MAX_FACTORS = 200;
const MAX_EVIDENCE = 200;

export interface DescribeInput {
  readonly before: readonly Factor[];
  readonly after: readonly Factor[];
  readonly previous: ScoreSummary | null;
  readonly evaluation: Evaluation;
  readonly policy: Policy;
  readonly causeEventIds: readonly string[];
  readonly decayOnly: boolean;
}

/**
 * The trust change from `before` to `after`: old and new score overall and per vendor, the factors
 * added, reassessed or resolved (or, for a change by time alone, those still counting, as `decayed`)
 * with the points each now takes off the overall score, crossings and evidence links.
 */
export function describeChange(input: DescribeInput): TrustChanged {
  const { evaluation, policy, previous } = input;
  const { summary } = evaluation;
  const points = new Map(
    explain(input.after, summary.at, policy).factors.map((a) => [a.factorId, a.points] as const),
  );
  const changed = changedFactors(input, points);
  const shown = changed.slice(0, MAX_FACTORS);
  const vendorsTouched = new Set(shown.map((f) => f.vendorId).filter((v) => v !== undefined));
  const vendors = summary.vendors.flatMap((v) => {
    const before = previous?.vendors.find((p) => p.vendorId === v.vendorId)?.score ?? policy.baseline;
    return before !== v.score || vendorsTouched.has(v.vendorId)
      ? [{ vendorId: v.vendorId, before, after: v.score }]
      : [];
  });
  return {
    customerId: summary.customerId,
    at: summary.at,
    overall: { before: previous?.overall.score ?? policy.baseline, after: summary.overall.score },
    vendors,
    factors: shown,
    omittedFactorCount: changed.length - shown.length,
    crossings: evaluation.crossings,
    evidence: evidenceOf(input.after.filter((f) => shown.some((s) => s.id === f.id))),
    policyVersion: policy.version,
    causeEventIds: [...input.causeEventIds],
  };
}

function changedFactors(input: DescribeInput, points: ReadonlyMap<string, number>): FactorChange[] {
  const before = new Map(input.before.map((f) => [f.id, f]));
  const changes: FactorChange[] = [];
  for (const factor of input.after) {
    const kind = input.decayOnly
      ? (points.get(factor.id) ?? 0) > 0
        ? 'decayed'
        : null
      : changeKind(before.get(factor.id), factor);
    if (kind === null) continue;
    changes.push({
      id: factor.id,
      kind: factor.kind,
      change: kind,
      ...(factor.scope.level === 'entity' ? { vendorId: factor.scope.vendorId } : {}),
      summary: factor.summary,
      contribution: Math.min(100, Math.max(0, points.get(factor.id) ?? 0)),
    });
  }
  // Largest effect first, so a truncated list still shows what matters.
  return changes.sort((a, b) => b.contribution - a.contribution || (a.id < b.id ? -1 : 1));
}

function changeKind(before: Factor | undefined, after: Factor): FactorChange['change'] | null {
  if (before === undefined) return 'added';
  if (before.status === 'active' && after.status === 'resolved') return 'resolved';
  if (
    after.reassessments.length !== before.reassessments.length ||
    after.exposure !== before.exposure ||
    after.vendorExposure !== before.vendorExposure
  ) {
    return 'reassessed';
  }
  return null;
}

function evidenceOf(factors: readonly Factor[]): TrustChanged['evidence'] {
  const links = new Map<string, TrustChanged['evidence'][number]>();
  for (const factor of factors) {
    const outlet = factor.evidence.outlets[0];
    for (const url of factor.evidence.urls) {
      if (!links.has(url)) links.set(url, { url, ...(outlet === undefined ? {} : { outlet }) });
    }
    for (const answer of factor.reassessments) {
      for (const url of answer.urls) if (!links.has(url)) links.set(url, { url, outlet: answer.by });
    }
  }
  return [...links.values()].slice(0, MAX_EVIDENCE);
}
