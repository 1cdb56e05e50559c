import { createMemoryBus, type BatchItem, type EventBus, type RawRecord } from '@trustwatch/bus';
import { createLogger } from '@trustwatch/logging';
import { encodeBinary } from '@trustwatch/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { envelopeOnlyBus } from '../../bench/src/envelope-only-bus.js';
import { firmwareEvent } from '../../bench/src/workload.js';

const log = createLogger({ service: 'bench-test', level: 'silent' });
const stamp = { tag: 'eo', epoch: Date.parse('2026-11-01T00:00:00Z') };

/** A firmware change of customer 1 whose data breaks its schema (`knownGood` is not one of its values). */
function schemaViolation(sequence: number): RawRecord {
  const message = encodeBinary(firmwareEvent(1, 0, sequence, stamp));
  const data = JSON.parse(message.value.toString('utf8')) as Record<string, unknown>;
  return {
    key: message.key,
    value: Buffer.from(JSON.stringify({ ...data, knownGood: 'maybe' })),
    headers: message.headers,
  };
}

const valid = (sequence: number): RawRecord => encodeBinary(firmwareEvent(1, 0, sequence, stamp));

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the consumer');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the envelope-only bus (the validation A/B)', () => {
  let bus: EventBus | undefined;
  afterEach(async () => {
    await bus?.close();
  });

  /** Consumes firmware.changed through `through(bus)` and returns what the batch handler saw. */
  async function consumed(through: (bus: EventBus) => EventBus, records: readonly RawRecord[]) {
    bus = createMemoryBus({ logger: log, namespace: `eo-${Math.random().toString(36).slice(2)}.` });
    await bus.ensureTopics(['firmware.changed']);
    await bus.publishRaw('firmware.changed', records);
    const runs: BatchItem[][] = [];
    const seen = () => runs.flat().length;
    await through(bus).consume({
      groupId: 'g',
      topics: ['firmware.changed'],
      handle: () => Promise.reject(new Error('runs go to the batch handler')),
      handleBatch: (items) => {
        runs.push([...items]);
        return Promise.resolve();
      },
    });
    return { runs, seen };
  }

  it('hands the service events whose data breaks their schema, which the real bus dead-letters', async () => {
    const records = [valid(0), schemaViolation(1), valid(2)];
    const raw = await consumed((b) => envelopeOnlyBus(b, log), records);
    await until(() => raw.seen() === 3);
    expect(raw.runs.flat().map((item) => item.event.id)).toEqual(['fw-eo-0', 'fw-eo-1', 'fw-eo-2']);
    expect(raw.runs.flat()[1]?.event.data).toMatchObject({ knownGood: 'maybe' });

    await bus?.close();
    const real = await consumed((b) => b, records);
    await until(() => real.seen() === 2);
    expect(real.runs.flat().map((item) => item.event.id)).toEqual(['fw-eo-0', 'fw-eo-2']);
  });

  it('keeps the batch path: one run of the partition, with each record position', async () => {
    const raw = await consumed((b) => envelopeOnlyBus(b, log), [valid(0), valid(1), valid(2)]);
    await until(() => raw.seen() === 3);
    expect(raw.runs).toHaveLength(1);
    const contexts = raw.runs[0]?.map(({ context }) => [context.topic, context.offset, context.attempt]);
    expect(contexts).toEqual([
      [expect.stringContaining('firmware.changed'), '0', 1],
      [expect.stringContaining('firmware.changed'), '1', 1],
      [expect.stringContaining('firmware.changed'), '2', 1],
    ]);
  });
});
