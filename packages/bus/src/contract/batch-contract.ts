import { encodeBinary, TrustwatchError } from '@trustwatch/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchItem, ConsumeOptions, EventBus, HandlerOutcome, RawRecord } from '../port.js';
import { DLQ_HEADERS } from '../runner/dead-letter.js';
import {
  readDeadLetters,
  seqOf,
  trustChanged,
  uniqueName,
  waitFor,
  type ContractTarget,
} from './fixtures.js';

const done: HandlerOutcome = { status: 'done' };
const fastRetry = { initialDelayMs: 5, maxDelayMs: 20, pauseMs: 200 };
const poison = (): TrustwatchError =>
  new TrustwatchError('POLICY_REJECTED', 'no such policy', { retriable: false });

/** What a batch handler saw of one run. */
interface Run {
  seqs: number[];
  partitions: Set<number>;
  offsets: number[];
  attempts: number[];
}

function runOf(items: readonly BatchItem[]): Run {
  return {
    seqs: items.map((item) => seqOf(item.event)),
    partitions: new Set(items.map((item) => item.context.partition)),
    offsets: items.map((item) => Number(item.context.offset)),
    attempts: items.map((item) => item.context.attempt),
  };
}

const acme = (seqs: readonly number[]) => seqs.map((seq) => trustChanged('acme', seq));

/** A record on acme's partition that does not decode: its JSON is cut short. */
function invalidRecord(seq: number): RawRecord {
  const message = encodeBinary(trustChanged('acme', seq));
  return { key: message.key, value: Buffer.from('{"customerId":'), headers: { ...message.headers } };
}

/**
 * The batch fast path (`handleBatch`) on both adapters: runs of valid events of one partition, in order,
 * cut at invalid records and at `maxBatchSize`; a run that throws is handled again event by event.
 */
export function batchContract(adapter: string, target: ContractTarget): void {
  describe(`EventBus batch consumption (${adapter})`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    async function freshBus(): Promise<EventBus> {
      const bus = target.create({ namespace: `${uniqueName('batch')}.` });
      cleanups.push(async () => {
        await bus.close();
        await bus.deleteTopics();
      });
      await bus.ensureTopics(['trust.changed']);
      return bus;
    }

    const committedEnd = async (bus: EventBus, groupId: string) => [
      ...(await bus.committedOffsets(groupId, 'trust.changed')).values(),
    ];

    function consumeOptions(
      runs: Run[],
      singles: number[],
      overrides: Partial<ConsumeOptions> = {},
    ): ConsumeOptions {
      return {
        groupId: uniqueName('g'),
        topics: ['trust.changed'],
        handleBatch: (items) => {
          runs.push(runOf(items));
          return Promise.resolve();
        },
        handle: (event) => {
          singles.push(seqOf(event));
          return Promise.resolve(done);
        },
        ...overrides,
      };
    }

    it('hands a partition’s events to the batch handler in offset order, in runs, then commits the end', async () => {
      const bus = await freshBus();
      const runs: Run[] = [];
      const singles: number[] = [];
      await bus.publish('trust.changed', acme(Array.from({ length: 20 }, (_, seq) => seq)));
      const options = consumeOptions(runs, singles);
      await bus.consume(options);
      await waitFor('20 events', () => runs.flatMap((run) => run.seqs).length >= 20);
      expect(runs.flatMap((run) => run.seqs)).toEqual(Array.from({ length: 20 }, (_, seq) => seq));
      expect(runs.flatMap((run) => run.offsets)).toEqual(Array.from({ length: 20 }, (_, seq) => seq));
      expect(runs.every((run) => run.partitions.size === 1 && run.attempts.every((a) => a === 1))).toBe(true);
      expect(Math.max(...runs.map((run) => run.seqs.length))).toBeGreaterThan(1);
      expect(singles).toEqual([]);
      await waitFor(
        'the end to be committed',
        async () => (await committedEnd(bus, options.groupId))[0] === '20',
      );
      expect(bus.metrics()).toMatchObject({ consumed: 20, processed: 20, deadLettered: 0 });
    });

    it('dead-letters an invalid record between valid ones and hands the events around it over in two runs', async () => {
      const bus = await freshBus();
      const runs: Run[] = [];
      await bus.publish('trust.changed', acme([0, 1]));
      await bus.publishRaw('trust.changed', [invalidRecord(2)]);
      await bus.publish('trust.changed', acme([3, 4]));
      const options = consumeOptions(runs, []);
      await bus.consume(options);
      await waitFor('4 events', () => runs.flatMap((run) => run.seqs).length >= 4);
      expect(runs.map((run) => run.seqs)).toEqual([
        [0, 1],
        [3, 4],
      ]);
      const [letter] = await readDeadLetters(bus, 1);
      expect(letter?.headers[DLQ_HEADERS.reason]).toBe('INVALID_JSON');
      expect(letter?.headers[DLQ_HEADERS.offset]).toBe('2');
      await waitFor(
        'the end to be committed',
        async () => (await committedEnd(bus, options.groupId))[0] === '5',
      );
    });

    it('handles a run the batch handler refused event by event, dead-letters the poison one and keeps flowing', async () => {
      const bus = await freshBus();
      const runs: Run[] = [];
      const seen: number[] = [];
      const singleCalls: number[] = [];
      await bus.publish('trust.changed', acme([0, 1, 2, 3, 4]));
      await bus.consume(
        consumeOptions(runs, [], {
          handleBatch: (items) => {
            const run = runOf(items);
            runs.push(run);
            if (run.seqs.includes(2)) return Promise.reject(poison());
            seen.push(...run.seqs);
            return Promise.resolve();
          },
          handle: (event) => {
            singleCalls.push(seqOf(event));
            if (seqOf(event) === 2) return Promise.reject(poison());
            seen.push(seqOf(event));
            return Promise.resolve(done);
          },
        }),
      );
      await waitFor('the events around the poison one', () => seen.length >= 4);
      await bus.publish('trust.changed', acme([5, 6]));
      await waitFor('the events after it', () => seen.length >= 6);
      expect(seen).toEqual([0, 1, 3, 4, 5, 6]);
      expect(singleCalls).toContain(2);
      expect(runs.at(-1)?.seqs).toEqual([5, 6]);
      const [letter] = await readDeadLetters(bus, 1);
      expect(letter?.headers[DLQ_HEADERS.reason]).toBe('POLICY_REJECTED');
      expect(letter?.headers[DLQ_HEADERS.offset]).toBe('2');
      expect(letter?.headers[DLQ_HEADERS.attempts]).toBe('1');
      expect(bus.metrics().deadLettered).toBe(1);
    });

    it('loses and dead-letters nothing when the batch handler fails retriably once and the events succeed alone', async () => {
      const bus = await freshBus();
      const runs: Run[] = [];
      const singles: { seq: number; attempt: number }[] = [];
      let failures = 0;
      await bus.publish('trust.changed', acme([0, 1, 2, 3]));
      const options = consumeOptions(runs, [], {
        retry: fastRetry,
        handleBatch: (items) => {
          if (failures === 0) {
            failures += 1;
            return Promise.reject(new Error('store unavailable'));
          }
          runs.push(runOf(items));
          return Promise.resolve();
        },
        handle: (event, context) => {
          singles.push({ seq: seqOf(event), attempt: context.attempt });
          return Promise.resolve(done);
        },
      });
      await bus.consume(options);
      await waitFor('4 events', () => singles.length >= 4);
      expect(singles).toEqual([0, 1, 2, 3].map((seq) => ({ seq, attempt: 1 })));
      await waitFor(
        'the end to be committed',
        async () => (await committedEnd(bus, options.groupId))[0] === '4',
      );
      // The fast path is back for what follows.
      await bus.publish('trust.changed', acme([4, 5]));
      await waitFor('2 more events', () => runs.flatMap((run) => run.seqs).length >= 2);
      expect(runs.flatMap((run) => run.seqs)).toEqual([4, 5]);
      expect(bus.metrics()).toMatchObject({ deadLettered: 0, processed: 6 });
    });

    it('caps every run at maxBatchSize', async () => {
      const bus = await freshBus();
      const runs: Run[] = [];
      await bus.publish('trust.changed', acme(Array.from({ length: 10 }, (_, seq) => seq)));
      await bus.consume(consumeOptions(runs, [], { maxBatchSize: 3 }));
      await waitFor('10 events', () => runs.flatMap((run) => run.seqs).length >= 10);
      expect(runs.flatMap((run) => run.seqs)).toEqual(Array.from({ length: 10 }, (_, seq) => seq));
      expect(Math.max(...runs.map((run) => run.seqs.length))).toBe(3);
      expect(runs.length).toBeGreaterThanOrEqual(4);
    });

    it('refuses a maxBatchSize that is not a positive integer', async () => {
      const bus = await freshBus();
      await expect(bus.consume(consumeOptions([], [], { maxBatchSize: 0 }))).rejects.toMatchObject({
        code: 'INVALID_OPTIONS',
        retriable: false,
      });
    });

    it('hands raw records in runs to a consumeRecords batch handler, and a refused run record by record', async () => {
      const bus = await freshBus();
      const runs: number[][] = [];
      const singles: string[] = [];
      let refuse = true;
      await bus.publish('trust.changed', acme(Array.from({ length: 12 }, (_, seq) => seq)));
      await bus.publishRaw('trust.changed', [invalidRecord(12)]);
      await bus.consumeRecords({
        groupId: uniqueName('g'),
        topics: ['trust.changed'],
        maxBatchSize: 5,
        handleBatch: (records) => {
          if (refuse) {
            refuse = false;
            return Promise.reject(new Error('refused once'));
          }
          runs.push(records.map((record) => Number(record.offset)));
          return Promise.resolve();
        },
        handle: (record) => {
          singles.push(record.offset);
          return Promise.resolve();
        },
      });
      await waitFor('13 records', () => runs.flat().length + singles.length >= 13);
      // Raw records are not decoded, so the cut-short one is handed over like any other.
      expect([...singles.map(Number), ...runs.flat()].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 13 }, (_, offset) => offset),
      );
      expect(singles.length).toBeGreaterThan(0);
      expect(Math.max(...runs.map((run) => run.length))).toBeLessThanOrEqual(5);
      await expect(
        bus.consumeRecords({
          groupId: uniqueName('g'),
          topics: ['trust.changed'],
          maxBatchSize: 1.5,
          handle: () => Promise.resolve(),
        }),
      ).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    });

    for (const outcome of ['finishes', 'fails'] as const) {
      it(`on stop, a run in flight that ${outcome} is committed ${outcome === 'finishes' ? 'whole' : 'not at all'}, and a successor takes over exactly after it`, async () => {
        const bus = await freshBus();
        const groupId = uniqueName('g');
        const first: number[] = [];
        let release: () => void = () => undefined;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let inFlight = false;
        await bus.publish('trust.changed', acme(Array.from({ length: 12 }, (_, seq) => seq)));
        const consumer = await bus.consume({
          ...consumeOptions([], [], { maxBatchSize: 5, groupId }),
          handleBatch: async (items) => {
            inFlight = true;
            await gate;
            if (outcome === 'fails') throw new Error('store unavailable');
            first.push(...items.map((item) => seqOf(item.event)));
          },
          // Were a failed run handed over event by event after the stop, this would show it.
          handle: (event) => {
            first.push(seqOf(event));
            return Promise.resolve(done);
          },
        });
        await waitFor('a run in flight', () => inFlight);
        const stopping = consumer.stop();
        await new Promise((resolve) => setTimeout(resolve, 50));
        release();
        await stopping;
        const expected = outcome === 'finishes' ? [0, 1, 2, 3, 4] : [];
        expect(first).toEqual(expected);
        const committed = await committedEnd(bus, groupId);
        expect(committed).toEqual(outcome === 'finishes' ? ['5'] : []);
        const second: number[] = [];
        await bus.consume(
          consumeOptions([], [], {
            groupId,
            handleBatch: (items) => {
              second.push(...items.map((item) => seqOf(item.event)));
              return Promise.resolve();
            },
          }),
        );
        await waitFor('the rest', () => first.length + second.length >= 12);
        expect([...first, ...second]).toEqual(Array.from({ length: 12 }, (_, seq) => seq));
      });
    }
  });
}
