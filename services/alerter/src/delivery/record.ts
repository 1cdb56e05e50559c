import type { DeliveryUnit, OutboxPort } from '../outbox/outbox-port.js';
import type { SendResult } from './send.js';

/** Counts of one engine run, for logs and tests. */
export interface RunSummary {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
  disabled: number;
  deferred: number;
}

export interface RecordInput {
  readonly outbox: OutboxPort;
  readonly unit: DeliveryUnit;
  readonly owner: string;
  readonly now: number;
  readonly result: SendResult;
  /** Tries so far including this one (lease expiries count: the receiver may have been hit). */
  readonly retries: number;
  readonly maxAttempts: number;
  /** Delay before the next try, ms (for a retry verdict). */
  readonly delay: number;
  readonly summary: RunSummary;
}

/** Writes one attempt's outcome; a retry past the attempt budget is dead-lettered instead. */
export async function recordResult(input: RecordInput): Promise<void> {
  const { outbox, unit, owner, now, result, summary } = input;
  const detail = {
    at: now,
    ...(result.httpStatus === undefined ? {} : { httpStatus: result.httpStatus }),
    ...(result.error === undefined ? {} : { error: result.error }),
  };
  switch (result.verdict.kind) {
    case 'sent':
      await outbox.complete(unit.id, { owner, now, status: 'sent', attempt: { ...detail, outcome: 'sent' } });
      summary.sent += 1;
      return;
    case 'retry': {
      if (input.retries >= input.maxAttempts) {
        await outbox.complete(unit.id, {
          owner,
          now,
          status: 'dead',
          attempt: { ...detail, outcome: 'dead' },
        });
        summary.dead += 1;
        return;
      }
      const attempt = { ...detail, outcome: 'retry' as const };
      await outbox.complete(unit.id, { owner, now, status: 'failed', retryAt: now + input.delay, attempt });
      summary.retried += 1;
      return;
    }
    case 'dead':
      await outbox.complete(unit.id, { owner, now, status: 'dead', attempt: { ...detail, outcome: 'dead' } });
      summary.dead += 1;
      return;
    case 'disable':
      await outbox.disableReceiver(unit.receiver, now);
      await outbox.complete(unit.id, {
        owner,
        now,
        status: 'disabled',
        attempt: { ...detail, outcome: 'disabled' },
      });
      summary.disabled += 1;
      return;
  }
}
