import type { Policy } from '@trustwatch/scoring';
import { createEvent, type CloudEvent, type TrustChanged } from '@trustwatch/schemas';
import { BenchError } from './errors.js';

/** The customer of the `sequence`-th alert change: one per change, so each opens its own group. */
export function alertCustomer(tag: string, sequence: number): string {
  return `${tag}-ac${String(sequence)}`;
}

/**
 * Builds trust.changed events as the engine publishes them when a customer's overall score falls through
 * the policy's `critical` threshold (from 5 points above to 2 below): the default rule
 * `overall-below-critical` fires with severity critical, which the default routing pages on. Exactly one
 * alert each: the move is too small for `sharp-drop`, and no factor rule matches an empty factor list.
 */
export function criticalCrossings(policy: Policy, tag: string): (sequence: number) => CloudEvent {
  const critical = policy.thresholds.find((t) => t.name === 'critical');
  if (critical === undefined) {
    throw new BenchError('INVALID_ARGUMENT', 'the scoring policy has no critical threshold to cross');
  }
  return (sequence) => {
    const customerId = alertCustomer(tag, sequence);
    const at = new Date().toISOString();
    const data: TrustChanged = {
      customerId,
      at,
      overall: { before: critical.value + 5, after: critical.value - 2 },
      vendors: [],
      factors: [],
      omittedFactorCount: 0,
      crossings: [
        { threshold: 'critical', value: critical.value, direction: 'down', scope: { level: 'overall' } },
      ],
      evidence: [],
      policyVersion: policy.version,
      causeEventIds: [`fw-${tag}-${String(sequence)}`],
    };
    return createEvent({
      type: 'com.trustwatch.trust.changed.v1',
      source: 'trustwatch://bench',
      id: `tc-${tag}-${String(sequence)}`,
      time: at,
      data,
    });
  };
}
