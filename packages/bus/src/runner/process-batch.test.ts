import { SchemaError } from '@trustwatch/schemas';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { testLogger } from '../contract/fixtures.js';
import { BusMetrics } from '../metrics.js';
import type { DeliveredRecord, HandlerContext, HandlerOutcome } from '../port.js';
import { processBatch, type BatchCursor } from './process-batch.js';
import type { RecordWork, RunItem, RunnerDeps } from './process-record.js';
import { retryPolicy } from './retry.js';

/** Records of partition 3 whose value is the prepared value; 'bad' does not decode. */
function records(values: readonly string[]): DeliveredRecord[] {
  return values.map((value, i) => ({
    topic: 'trust.changed',
    partition: 3,
    offset: String(10 + i),
    key: 'acme',
    value: Buffer.from(value),
    headers: {},
  }));
}

function work(
  runBatch: (items: readonly RunItem<string>[]) => Promise<void>,
  run: (value: string, context: HandlerContext) => Promise<HandlerOutcome> = () =>
    Promise.resolve({ status: 'done' }),
  maxSize = 10,
): RecordWork<string> {
  return {
    prepare: (record) => {
      const value = record.value?.toString() ?? '';
      if (value === 'bad') throw new SchemaError('INVALID_JSON', 'bad');
      return value;
    },
    eventId: (value) => value,
    run,
    batch: { maxSize, run: runBatch },
  };
}

function deps(overrides: Partial<RunnerDeps> = {}) {
  const letters: string[] = [];
  const base: RunnerDeps = {
    groupId: 'g',
    policy: retryPolicy({ maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 2 }),
    log: testLogger,
    metrics: new BusMetrics(),
    signal: new AbortController().signal,
    deadLetter: (_from, letter) => {
      letters.push(letter.headers['dlq-original-offset'] ?? '');
      return Promise.resolve();
    },
    ...overrides,
  };
  return { deps: base, letters };
}

function cursor(active: () => boolean = () => true) {
  const advances: [string, number][] = [];
  const value: BatchCursor = {
    active,
    advance: (lastOffset, count) => {
      advances.push([lastOffset, count]);
      return Promise.resolve();
    },
  };
  return { cursor: value, advances };
}

describe('processBatch', () => {
  it('hands a run to the batch handler once and moves the offset once for the whole run', async () => {
    const { deps: d } = deps();
    const { cursor: c, advances } = cursor();
    const seen: string[][] = [];
    const batch = work((items) => {
      seen.push(items.map((item) => `${item.event}@${item.context.offset}#${item.context.attempt}`));
      return Promise.resolve();
    });
    expect(await processBatch(records(['a', 'b', 'c']), batch, d, c)).toEqual({ kind: 'done' });
    expect(seen).toEqual([['a@10#1', 'b@11#1', 'c@12#1']]);
    expect(advances).toEqual([['12', 3]]);
    expect(d.metrics.snapshot()).toMatchObject({ consumed: 3, processed: 3 });
  });

  it('dead-letters an undecodable record at its position, between two runs', async () => {
    const { deps: d, letters } = deps();
    const { cursor: c, advances } = cursor();
    const seen: string[][] = [];
    const batch = work((items) => {
      seen.push(items.map((item) => item.event));
      return Promise.resolve();
    });
    await processBatch(records(['a', 'bad', 'c', 'd']), batch, d, c);
    expect(seen).toEqual([['a'], ['c', 'd']]);
    expect(letters).toEqual(['11']);
    expect(advances).toEqual([
      ['10', 1],
      ['11', 1],
      ['13', 2],
    ]);
    expect(d.metrics.snapshot()).toMatchObject({ consumed: 4, processed: 3, deadLettered: 1 });
  });

  it('makes an item’s child logger only when it is read, bound to its position and event id, and keeps it when the context is spread', async () => {
    const lines: Record<string, unknown>[] = [];
    const log = pino(
      { level: 'info' },
      { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
    );
    const child = vi.spyOn(log, 'child');
    const { deps: d } = deps({ log });
    let contexts: HandlerContext[] = [];
    await processBatch(
      records(['a', 'b']),
      work((items) => {
        contexts = items.map((item) => item.context);
        return Promise.resolve();
      }),
      d,
      cursor().cursor,
    );
    expect(child).not.toHaveBeenCalled();
    const spread = { ...contexts[1] };
    spread.log?.info('seen');
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines[0]).toMatchObject({ topic: 'trust.changed', partition: 3, offset: '11', eventId: 'b' });
    expect(contexts[1]?.log).toBe(spread.log);
  });

  it('heartbeats while a long batch handler runs', async () => {
    vi.useFakeTimers();
    try {
      const beat = vi.fn(() => Promise.resolve());
      const { deps: d } = deps({ keepAlive: { beat, intervalMs: 5 } });
      const slow = work(() => new Promise((resolve) => setTimeout(resolve, 40)));
      const pending = processBatch(records(['a', 'b']), slow, d, cursor().cursor);
      await vi.advanceTimersByTimeAsync(40);
      await pending;
      expect(beat.mock.calls.length).toBeGreaterThanOrEqual(7);
      const after = beat.mock.calls.length;
      await vi.advanceTimersByTimeAsync(40);
      expect(beat.mock.calls.length).toBe(after);
    } finally {
      vi.useRealTimers();
    }
  });

  it('hands a refused run over record by record, each at attempt 1, moving the offset per record', async () => {
    const { deps: d } = deps();
    const { cursor: c, advances } = cursor();
    const singles: string[] = [];
    const refused = work(
      () => Promise.reject(new Error('one event in the run is bad')),
      (value, context) => {
        singles.push(`${value}#${context.attempt}`);
        return Promise.resolve({ status: 'done' });
      },
    );
    expect(await processBatch(records(['a', 'b']), refused, d, c)).toEqual({ kind: 'done' });
    expect(singles).toEqual(['a#1', 'b#1']);
    expect(advances).toEqual([
      ['10', 1],
      ['11', 1],
    ]);
    expect(d.metrics.snapshot()).toMatchObject({ consumed: 2, processed: 2 });
  });

  it('stops at the record that asks for backpressure and never moves the offset past it', async () => {
    const { deps: d } = deps();
    const { cursor: c, advances } = cursor();
    const outage = work(
      () => Promise.reject(new Error('store unavailable')),
      (value) =>
        value === 'b' ? Promise.reject(new Error('store unavailable')) : Promise.resolve({ status: 'done' }),
    );
    const verdict = await processBatch(records(['a', 'b', 'c']), outage, d, c);
    expect(verdict.kind).toBe('backpressure');
    expect(advances).toEqual([['10', 1]]);
  });

  it('hands nothing over once the cursor is no longer active, and a refused run is then left uncommitted', async () => {
    let active = true;
    const { deps: d } = deps();
    const { cursor: c, advances } = cursor(() => active);
    const run = vi.fn(() => Promise.resolve<HandlerOutcome>({ status: 'done' }));
    const stopped = work(
      () => {
        active = false;
        return Promise.reject(new Error('aborted'));
      },
      run,
      2,
    );
    await processBatch(records(['a', 'b', 'c']), stopped, d, c);
    expect(run).not.toHaveBeenCalled();
    expect(advances).toEqual([]);
  });
});
