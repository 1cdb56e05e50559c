import type { RawRecord } from '@trustwatch/bus';
import { encodeBinary, type CloudEvent } from '@trustwatch/schemas';

const MIB = 1_048_576;

/** One way a record can be poison, and how to make a healthy record into it. */
export interface PoisonKind {
  readonly name: string;
  make(raw: RawRecord, json: string): RawRecord;
}

/** The poison mix: each kind a buggy or hostile producer could put on an input topic. */
export const POISON_KINDS: readonly PoisonKind[] = [
  {
    name: 'invalid JSON',
    make: (raw, json) => ({ ...raw, value: Buffer.from(json.slice(0, json.length >> 1)) }),
  },
  {
    name: 'schema violation',
    make: (raw, json) => ({
      ...raw,
      value: Buffer.from(json.replace('"customerId":', '"customerId":42,"x":')),
    }),
  },
  {
    name: '2 MB value',
    make: (raw, json) => ({
      ...raw,
      value: Buffer.from(json.replace('{', `{"pad":"${'x'.repeat(2 * MIB)}",`)),
    }),
  },
  {
    name: '__proto__ key',
    make: (raw, json) => ({
      ...raw,
      value: Buffer.from(json.replace('{', '{"__proto__":{"isAdmin":true},')),
    }),
  },
  {
    name: 'unknown type',
    make: (raw) => ({ ...raw, headers: { ...raw.headers, ce_type: 'com.trustwatch.firmware.rewritten.v9' } }),
  },
];

/** A raw record as the bus would produce it for a healthy event. */
export function healthyRecord(event: CloudEvent): RawRecord {
  const message = encodeBinary(event);
  return { key: message.key, value: message.value, headers: { ...message.headers } };
}

/**
 * The healthy events with one poison record after every `every`-th, kinds in turn; poison records carry
 * a `poison-kind` header and a `poison-id` so each can be found in the dead-letter topic.
 */
export function withPoison(
  events: readonly CloudEvent[],
  every: number,
): { records: RawRecord[]; poisoned: number } {
  const records: RawRecord[] = [];
  let poisoned = 0;
  events.forEach((event, i) => {
    const healthy = healthyRecord(event);
    records.push(healthy);
    if ((i + 1) % every !== 0) return;
    const kind = POISON_KINDS[poisoned % POISON_KINDS.length]!;
    const bad = kind.make(healthy, healthy.value?.toString('utf8') ?? '');
    const id = `poison-${String(poisoned)}`;
    records.push({
      ...bad,
      headers: { ...bad.headers, ce_id: id, 'poison-kind': kind.name, 'poison-id': id },
    });
    poisoned += 1;
  });
  return { records, poisoned };
}
