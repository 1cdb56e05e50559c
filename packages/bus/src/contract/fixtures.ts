import { createEvent, type EventOf, type TrustwatchEvent } from '@trustwatch/schemas';
import { uniqueName } from '@trustwatch/testing';
import { pino, type Logger } from 'pino';
import type { DeliveredRecord, EventBus, HandlerContext } from '../port.js';
import type { TopicOverrides } from '../topics.js';

// Unique topic prefixes and group ids per test: tests share the broker without seeing each other.
export { uniqueName };

export type TrustChangedEvent = EventOf<'com.trustwatch.trust.changed.v1'>;

/** Silent: failures are asserted, not read from logs. */
export const testLogger: Logger = pino({ level: 'silent' });

/** A valid trust.changed event for `customer`; `seq` goes into the id and the cause list so order is visible. */
export function trustChanged(customer: string, seq: number): TrustChangedEvent {
  return createEvent({
    type: 'com.trustwatch.trust.changed.v1',
    source: 'trustwatch://bus-contract',
    id: `${customer}-${seq}`,
    time: '2026-11-24T12:00:00Z',
    data: {
      customerId: customer,
      at: '2026-11-24T12:00:00Z',
      overall: { before: 100, after: 90 },
      vendors: [],
      factors: [],
      omittedFactorCount: 0,
      crossings: [],
      evidence: [],
      policyVersion: '2026.11.1',
      causeEventIds: [String(seq)],
    },
  });
}

export function seqOf(event: TrustwatchEvent): number {
  return event.type === 'com.trustwatch.trust.changed.v1' ? Number(event.data.causeEventIds[0]) : -1;
}

export interface Seen {
  event: TrustwatchEvent;
  context: HandlerContext;
}

/** Polls until `check` holds; fails with `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Reads a topic's dead-letter records through the bus itself, as a replay tool would. */
export async function readDeadLetters(bus: EventBus, count: number): Promise<DeliveredRecord[]> {
  const records: DeliveredRecord[] = [];
  const reader = await bus.consumeRecords({
    groupId: uniqueName('dlq-reader'),
    topics: ['trust.changed.dlq'],
    handle: (record) => {
      records.push(record);
      return Promise.resolve();
    },
  });
  try {
    await waitFor(`${count} dead letters`, () => records.length >= count);
  } finally {
    await reader.stop();
  }
  return records;
}

/** How the contract suite gets a bus of the adapter under test. */
export interface ContractTarget {
  /** A bus in its own namespace; buses created with the same namespace share topics (two processes). */
  create(options: { namespace: string; topicOverrides?: TopicOverrides }): EventBus;
  /** How long a new group member needs before partitions are (re)assigned to it. */
  settleMs: number;
}
