import type { Factor, FactorChange, ScoreSummary, TrustChanged } from '@trustwatch/schemas';
import { credibilityAt, explain, summarize, type Evaluation, type Policy } from '@trustwatch/scoring';

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
  const { evaluation, policy } = input;
  const { summary } = evaluation;
  const points = new Map(
    explain(input.after, summary.at, policy).factors.map((a) => [a.factorId, a.points] as const),
  );
  const changed = changedFactors(input, points, summary.at);
  const shown = changed.slice(0, MAX_FACTORS);
  const vendorsTouched = new Set(shown.map((f) => f.vendorId).filter((v) => v !== undefined));
  const then = scoreBefore(input);
  const vendors = summary.vendors.flatMap((v) => {
    const before = then.vendors.get(v.vendorId) ?? policy.baseline;
    return before !== v.score || vendorsTouched.has(v.vendorId)
      ? [{ vendorId: v.vendorId, before, after: v.score }]
      : [];
  });
  return {
    customerId: summary.customerId,
    at: summary.at,
    overall: { before: then.overall, after: summary.overall.score },
    vendors,
    factors: shown,
    omittedFactorCount: changed.length - shown.length,
    crossings: evaluation.crossings,
    evidence: evidenceOf(input.after.filter((f) => shown.some((s) => s.id === f.id))),
    policyVersion: policy.version,
    causeEventIds: [...input.causeEventIds],
  };
}

/**
 * The score just before the event, at the event's instant: the stored summary decayed to now. The stored
 * score itself may be weeks old; reported as "before", a recovery since then would read as a drop. A
 * change by time alone is the decay itself, so its "before" is the stored score.
 */
function scoreBefore(input: DescribeInput): { overall: number; vendors: ReadonlyMap<string, number> } {
  const { previous, policy } = input;
  if (previous === null) return { overall: policy.baseline, vendors: new Map() };
  if (input.decayOnly) {
    return {
      overall: previous.overall.score,
      vendors: new Map(previous.vendors.map((v) => [v.vendorId, v.score])),
    };
  }
  // A shared claim is stored before its customers are read: take this event's answers back out of it.
  const causes = new Set(input.causeEventIds);
  const before = input.before.map((f) => {
    const kept = f.reassessments.filter((r) => !r.eventIds.some((id) => causes.has(id)));
    return kept.length === f.reassessments.length ? f : { ...f, reassessments: kept };
  });
  const { summary } = summarize({
    customerId: previous.customerId,
    factors: before,
    at: input.evaluation.summary.at,
    policy,
    vendorIds: previous.vendors.map((v) => v.vendorId),
  });
  return {
    overall: summary.overall.score,
    vendors: new Map(summary.vendors.map((v) => [v.vendorId, v.score])),
  };
}

function changedFactors(
  input: DescribeInput,
  points: ReadonlyMap<string, number>,
  at: string,
): FactorChange[] {
  const before = new Map(input.before.map((f) => [f.id, f]));
  const changes: FactorChange[] = [];
  for (const factor of input.after) {
    const kind = input.decayOnly
      ? (points.get(factor.id) ?? 0) > 0
        ? 'decayed'
        : null
      : changeKind(before.get(factor.id), factor, input.causeEventIds);
    if (kind === null) continue;
    changes.push({
      id: factor.id,
      kind: factor.kind,
      change: kind,
      ...(factor.scope.level === 'entity' ? { vendorId: factor.scope.vendorId } : {}),
      summary: factor.summary,
      contribution: Math.min(100, Math.max(0, points.get(factor.id) ?? 0)),
      // As alert rules need them: credibility after answers counted up to now, CVSS of an advisory.
      credibility: Math.min(1, Math.max(0, credibilityAt(factor, at, input.policy))),
      ...(factor.details?.cvssBaseScore === undefined ? {} : { cvssBaseScore: factor.details.cvssBaseScore }),
    });
  }
  // Largest effect first, so a truncated list still shows what matters.
  return changes.sort((a, b) => b.contribution - a.contribution || (a.id < b.id ? -1 : 1));
}

function changeKind(
  before: Factor | undefined,
  after: Factor,
  causes: readonly string[],
): FactorChange['change'] | null {
  // A later occurrence under the same id (the slot's next unknown image) is a new finding.
  if (before === undefined || before.occurredAt !== after.occurredAt) return 'added';
  if (before.status === 'active' && after.status === 'resolved') return 'resolved';
  // A shared claim is stored before its customers are read, so `before` may already hold the answer:
  // the answer's own event id says this event reassessed it.
  const answeredNow = after.reassessments.some((r) => r.eventIds.some((id) => causes.includes(id)));
  if (
    answeredNow ||
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
