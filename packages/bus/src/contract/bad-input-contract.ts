import { encodeBinary } from '@trustwatch/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventBus, RawRecord } from '../port.js';
import { DLQ_HEADERS } from '../runner/dead-letter.js';
import {
  readDeadLetters,
  seqOf,
  trustChanged,
  uniqueName,
  waitFor,
  type ContractTarget,
} from './fixtures.js';

const MIB = 1_048_576;

function record(seq: number, change: (raw: RawRecord, data: string) => RawRecord): RawRecord {
  const message = encodeBinary(trustChanged('acme', seq));
  return change(
    { key: message.key, value: message.value, headers: { ...message.headers } },
    message.value.toString(),
  );
}

/** Each row: a record as it might arrive from a buggy or hostile producer, and the reason it must carry. */
const BAD_INPUT: readonly { name: string; reason: string; record: RawRecord }[] = [
  {
    name: 'invalid JSON',
    reason: 'INVALID_JSON',
    record: record(1, (raw) => ({ ...raw, value: Buffer.from('{"customerId":') })),
  },
  {
    name: 'a ce_type not carried by the topic',
    reason: 'TYPE_NOT_ALLOWED',
    record: record(2, (raw) => ({ ...raw, headers: { ...raw.headers, ce_type: 'com.trustwatch.alert.v1' } })),
  },
  {
    name: 'a missing ce_id',
    reason: 'MALFORMED_ENVELOPE',
    record: record(3, (raw) => {
      const { ce_id: _id, ...headers } = raw.headers;
      return { ...raw, headers };
    }),
  },
  {
    name: 'a 2 MB value',
    reason: 'OVERSIZE',
    record: record(4, (raw, data) => ({
      ...raw,
      value: Buffer.from(data.replace('{', `{"pad":"${'x'.repeat(2 * MIB)}",`)),
    })),
  },
  {
    name: 'a __proto__ key',
    reason: 'FORBIDDEN_KEY',
    record: record(5, (raw, data) => ({
      ...raw,
      value: Buffer.from(data.replace('{', '{"__proto__":{"admin":true},')),
    })),
  },
  {
    name: 'an unknown field',
    reason: 'SCHEMA_VIOLATION',
    record: record(6, (raw, data) => ({
      ...raw,
      value: Buffer.from(data.replace('{', '{"riskOverride":0,')),
    })),
  },
];

/** Bad input on both adapters: every malformed record is dead-lettered with its reason; the healthy ones flow. */
export function badInputContract(adapter: string, target: ContractTarget): void {
  describe(`EventBus bad input (${adapter})`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    async function busAllowing(maxMessageBytes?: number): Promise<EventBus> {
      const topicOverrides = maxMessageBytes === undefined ? {} : { 'trust.changed': { maxMessageBytes } };
      const bus = target.create({ namespace: `${uniqueName('bad')}.`, topicOverrides });
      cleanups.push(async () => {
        await bus.close();
        await bus.deleteTopics();
      });
      await bus.ensureTopics(['trust.changed']);
      return bus;
    }

    it('dead-letters each malformed record with its reason while the healthy events behind it flow', async () => {
      const bus = await busAllowing(3 * MIB);
      const seen: number[] = [];
      await bus.consume({
        groupId: uniqueName('g'),
        topics: ['trust.changed'],
        handle: (event) => {
          seen.push(seqOf(event));
          return Promise.resolve({ status: 'done' });
        },
      });
      await bus.publish('trust.changed', [trustChanged('acme', 0)]);
      for (const row of BAD_INPUT) await bus.publishRaw('trust.changed', [row.record]);
      await bus.publish('trust.changed', [trustChanged('acme', 7)]);
      await waitFor('the healthy events', () => seen.length >= 2);
      expect(seen).toEqual([0, 7]);
      const letters = await readDeadLetters(bus, BAD_INPUT.length);
      const byOffset = letters.sort(
        (a, b) => Number(a.headers[DLQ_HEADERS.offset]) - Number(b.headers[DLQ_HEADERS.offset]),
      );
      expect(byOffset.map((letter) => letter.headers[DLQ_HEADERS.reason])).toEqual(
        BAD_INPUT.map((row) => row.reason),
      );
      for (const letter of byOffset) {
        expect(letter.key).toBe('acme');
        expect(letter.headers[DLQ_HEADERS.message]?.length).toBeGreaterThan(0);
        expect(letter.headers['content-type']).toBe('application/json');
      }
      const oversize = byOffset.find((letter) => letter.headers[DLQ_HEADERS.reason] === 'OVERSIZE');
      expect(oversize?.value).toBeNull();
      expect(Number(oversize?.headers[DLQ_HEADERS.valueBytes])).toBeGreaterThan(2 * MIB);
      const invalid = byOffset.find((letter) => letter.headers[DLQ_HEADERS.reason] === 'INVALID_JSON');
      expect(invalid?.value?.toString()).toBe('{"customerId":');
    });

    it('refuses at publish a record above the topic limit and an event of a type the topic does not carry', async () => {
      const bus = await busAllowing();
      const oversize = BAD_INPUT.find((row) => row.reason === 'OVERSIZE')?.record;
      await expect(
        bus.publishRaw('trust.changed', oversize === undefined ? [] : [oversize]),
      ).rejects.toMatchObject({
        code: 'RECORD_TOO_LARGE',
        retriable: false,
      });
      await expect(bus.publish('alerts', [trustChanged('acme', 0)])).rejects.toMatchObject({
        code: 'TYPE_NOT_ALLOWED',
        retriable: false,
      });
    });
  });
}
