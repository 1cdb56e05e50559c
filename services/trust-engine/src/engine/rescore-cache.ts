import type { Factor } from '@trustwatch/schemas';
import { nextCrossingAt, type Policy } from '@trustwatch/scoring';
import { rescore, type RescoreInput, type Rescored } from './rescore.js';

/** A rescored customer with the instant its decaying score is next due to leave its band. */
export interface Scored extends Rescored {
  /** `nextCrossingAt` of the new summary, in ms; `null` when no crossing is due. */
  readonly nextDue: number | null;
}

/**
 * Rescoring for a fan-out. Customers of one vendor often hold the same factors with the same exposure
 * and the same previous summary, differing only in their id; their scores then differ only in that id.
 * The cache computes each distinct state once and relabels the result, which is exact because every
 * input of `rescore` and `nextCrossingAt` that differs between the event's customers is in the key.
 * Live for one event only: the event's causes and shared factors are not in the key.
 */
export function createRescoreCache(policy: Policy): (input: RescoreInput) => Scored {
  const cache = new Map<string, Scored>();
  return (input) => {
    const key = stateKey(input);
    const hit = cache.get(key);
    if (hit !== undefined) return relabel(hit, input.snapshot.customerId);
    const scored = scoreOnce(input, policy);
    cache.set(key, scored);
    return scored;
  };
}

/** Rescoring without the cache: for an event touching one customer, the key would cost more than it saves. */
export function scoreOnce(input: RescoreInput, policy: Policy): Scored {
  const result = rescore(input);
  const due = nextCrossingAt(result.factors, result.evaluation.summary, policy);
  return { ...result, nextDue: due === null ? null : Date.parse(due) };
}

const ANONYMOUS = '';

function stateKey(input: RescoreInput): string {
  const { snapshot } = input;
  return JSON.stringify([
    input.at,
    input.decayOnly === true,
    snapshot.factors.map(anonymous),
    snapshot.summary === null ? null : { ...snapshot.summary, customerId: ANONYMOUS },
    input.factors.map(anonymous),
    input.exposures.map((x) => ({ ...x, customerId: ANONYMOUS })),
  ]);
}

function anonymous(factor: Factor): Factor {
  return { ...factor, customerId: ANONYMOUS };
}

function relabel(scored: Scored, customerId: string): Scored {
  const { evaluation, change } = scored;
  return {
    factors: scored.factors.map((f) => ({ ...f, customerId })),
    evaluation: { ...evaluation, summary: { ...evaluation.summary, customerId } },
    change: change === null ? null : { ...change, customerId },
    nextDue: scored.nextDue,
  };
}
