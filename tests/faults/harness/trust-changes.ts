import { createEvent, type CloudEvent } from '@trustwatch/schemas';

/**
 * A trust.changed event: `customerId`'s overall score falling from 70 to 58 at `at` (ms), crossing the
 * policy's warning threshold (60) downward, which the shipped `overall-below-warning` rule turns into one
 * firing alert for that customer.
 */
export function warningDrop(customerId: string, at: number, id: string): CloudEvent {
  const time = new Date(at).toISOString();
  return createEvent({
    type: 'com.trustwatch.trust.changed.v1',
    source: 'trustwatch://faults/alert-delivery',
    id,
    time,
    data: {
      customerId,
      at: time,
      overall: { before: 70, after: 58 },
      vendors: [],
      factors: [],
      omittedFactorCount: 0,
      crossings: [{ threshold: 'warning', value: 60, direction: 'down', scope: { level: 'overall' } }],
      evidence: [
        { url: 'https://www.bloomberg.com/news/features/2018-10-04/the-big-hack', outlet: 'bloomberg' },
      ],
      policyVersion: '2026.11.1',
      causeEventIds: [`${id}-cause`],
    },
  });
}
