import { stableId, type Factor } from '@trustwatch/schemas';
import type { CustomerEffects } from '@trustwatch/store';
import type { ApplyDeps } from './apply-plan.js';
import type { EventPlan } from './plan.js';
import { evaluationInstant, rescore, type Rescored } from './rescore.js';

/** What a score was computed from: ids, status, answers and exposure of every factor. */
export function factorSignature(factors: readonly Factor[]): string {
  const parts = [...factors]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((f) => `${f.id}|${f.status}|${f.reassessments.length}|${f.exposure}|${f.vendorExposure}`);
  return stableId('sig', ...parts);
}

/**
 * Two engine instances may apply events about the same customer at once (a news item on one partition,
 * a firmware change on another): each writes a summary computed without the other's factor. After its
 * own apply, an engine reads the customers back; where the stored factors differ from what it scored,
 * it stores a summary computed from the stored factors. The later of two racing engines always sees
 * both factors, so the stored summary converges to the one a single engine would have written.
 */
export async function settleRaces(
  plan: EventPlan,
  scored: ReadonlyMap<string, Rescored>,
  deps: Pick<ApplyDeps, 'store' | 'policy' | 'log'>,
): Promise<number> {
  if (scored.size === 0) return 0;
  const reloaded = await deps.store.loadCustomers([...scored.keys()]);
  const fixes: CustomerEffects[] = [];
  for (const snapshot of reloaded) {
    const mine = scored.get(snapshot.customerId);
    if (mine === undefined) continue;
    const signature = factorSignature(snapshot.factors);
    if (signature === factorSignature(mine.factors)) continue;
    const result = rescore({
      snapshot,
      factors: [],
      exposures: [],
      shared: new Map(),
      at: evaluationInstant(plan.version, snapshot),
      causeEventIds: [plan.causeEventId],
      policy: deps.policy,
    });
    fixes.push({
      customerId: snapshot.customerId,
      eventId: stableId('settle', plan.eventKey, signature),
      version: plan.version,
      summary: result.evaluation.summary,
    });
  }
  if (fixes.length > 0) {
    await deps.store.applyMany(fixes);
    deps.log.info({ customers: fixes.length }, 'concurrent writes detected; summaries recomputed');
  }
  return fixes.length;
}
