import { SchemaError, TrustwatchError } from '@trustwatch/schemas';
import { describe, expect, it, vi } from 'vitest';
import { testLogger } from '../contract/fixtures.js';
import { BusMetrics } from '../metrics.js';
import type { DeliveredRecord, HandlerOutcome, RawRecord } from '../port.js';
import type { TopicName } from '../topics.js';
import { DLQ_HEADERS } from './dead-letter.js';
import { PauseLedger } from './pause-ledger.js';
import { processRecord, type RecordWork, type RunnerDeps } from './process-record.js';
import { retryPolicy } from './retry.js';

const record: DeliveredRecord = {
  topic: 'trust.changed',
  partition: 2,
  offset: '41',
  key: 'acme',
  value: Buffer.from('{}'),
  headers: { ce_id: 'e-1' },
};

function work(
  run: () => Promise<HandlerOutcome>,
  prepare: () => string = () => 'prepared',
): RecordWork<string> {
  return { prepare, eventId: () => 'e-1', run };
}

function deps(overrides: Partial<RunnerDeps> = {}) {
  const letters: { from: TopicName; record: RawRecord }[] = [];
  const base: RunnerDeps = {
    groupId: 'g',
    policy: retryPolicy({ maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 }),
    log: testLogger,
    metrics: new BusMetrics(),
    signal: new AbortController().signal,
    deadLetter: (from, letter) => {
      letters.push({ from, record: letter });
      return Promise.resolve();
    },
    ...overrides,
  };
  return { deps: base, letters };
}

describe('processRecord', () => {
  it('commits a record its handler finished', async () => {
    const { deps: d } = deps();
    expect(
      await processRecord(
        record,
        work(() => Promise.resolve({ status: 'done' })),
        d,
      ),
    ).toEqual({ kind: 'commit' });
    expect(d.metrics.snapshot()).toMatchObject({ consumed: 1, processed: 1 });
  });

  it('dead-letters a record that cannot be decoded without calling the handler', async () => {
    const { deps: d, letters } = deps();
    const run = vi.fn(() => Promise.resolve<HandlerOutcome>({ status: 'done' }));
    const verdict = await processRecord(
      record,
      work(run, () => {
        throw new SchemaError('INVALID_JSON', 'bad');
      }),
      d,
    );
    expect(verdict).toEqual({ kind: 'commit' });
    expect(run).not.toHaveBeenCalled();
    expect(letters[0]?.from).toBe('trust.changed');
    expect(letters[0]?.record.headers[DLQ_HEADERS.reason]).toBe('INVALID_JSON');
  });

  it('retries a retriable failure up to the attempt limit, then asks for backpressure', async () => {
    const { deps: d, letters } = deps();
    const run = vi.fn(() => Promise.reject(new Error('timeout')));
    const verdict = await processRecord(record, work(run), d);
    expect(verdict.kind).toBe('backpressure');
    expect(run).toHaveBeenCalledTimes(3);
    expect(letters).toEqual([]);
    expect(d.metrics.snapshot().retried).toBe(2);
  });

  it('dead-letters on the first non-retriable failure, recording the attempt it happened on', async () => {
    const { deps: d, letters } = deps();
    let calls = 0;
    const run = () => {
      calls += 1;
      return Promise.reject(
        calls === 1 ? new Error('blip') : new TrustwatchError('BAD', 'bad', { retriable: false }),
      );
    };
    expect(await processRecord(record, work(run), d)).toEqual({ kind: 'commit' });
    expect(letters[0]?.record.headers[DLQ_HEADERS.attempts]).toBe('2');
  });

  it('asks for backpressure instead of committing when the dead-letter publish fails', async () => {
    const { deps: d } = deps({ deadLetter: () => Promise.reject(new Error('broker down')) });
    const run = () => Promise.reject(new TrustwatchError('BAD', 'bad', { retriable: false }));
    expect((await processRecord(record, work(run), d)).kind).toBe('backpressure');
  });

  it('stops retrying as soon as the consumer is stopping', async () => {
    const abort = new AbortController();
    const { deps: d } = deps({
      signal: abort.signal,
      policy: retryPolicy({ maxAttempts: 10, initialDelayMs: 10_000 }),
    });
    const run = vi.fn(() => {
      abort.abort();
      return Promise.reject(new Error('timeout'));
    });
    expect((await processRecord(record, work(run), d)).kind).toBe('backpressure');
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('keeps heartbeating while a long handler runs', async () => {
    const beat = vi.fn(() => Promise.resolve());
    const { deps: d } = deps({ keepAlive: { beat, intervalMs: 5 } });
    const run = () =>
      new Promise<HandlerOutcome>((resolve) => setTimeout(() => resolve({ status: 'done' }), 60));
    await processRecord(record, work(run), d);
    expect(beat.mock.calls.length).toBeGreaterThanOrEqual(3);
  });

  it('dead-letters a record that keeps failing with a plain error once it used up its pauses while healthy', async () => {
    const { deps: d, letters } = deps({
      pauses: new PauseLedger(),
      policy: retryPolicy({ maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 1, maxPauses: 2 }),
    });
    const run = () => Promise.reject(new TypeError('cannot read properties of undefined'));
    const verdicts = [];
    for (let delivery = 0; delivery < 3; delivery += 1)
      verdicts.push((await processRecord(record, work(run), d)).kind);
    expect(verdicts).toEqual(['backpressure', 'backpressure', 'commit']);
    expect(letters[0]?.record.headers[DLQ_HEADERS.reason]).toBe('RETRIES_EXHAUSTED');
    expect(letters[0]?.record.headers[DLQ_HEADERS.attempts]).toBe('6');
    expect(letters[0]?.record.headers[DLQ_HEADERS.message]).toContain('cannot read properties');
  });

  it('never dead-letters a failing record while the health check says unhealthy', async () => {
    let healthy = false;
    const { deps: d, letters } = deps({
      pauses: new PauseLedger(),
      isHealthy: () => Promise.resolve(healthy),
      policy: retryPolicy({ maxAttempts: 1, maxPauses: 1 }),
    });
    const run = () => Promise.reject(new Error('redis down'));
    for (let delivery = 0; delivery < 5; delivery += 1)
      expect((await processRecord(record, work(run), d)).kind).toBe('backpressure');
    expect(letters).toEqual([]);
    healthy = true;
    expect((await processRecord(record, work(run), d)).kind).toBe('commit');
    expect(letters[0]?.record.headers[DLQ_HEADERS.reason]).toBe('RETRIES_EXHAUSTED');
  });

  it('starts the pause count afresh for the next record of the partition', async () => {
    const { deps: d, letters } = deps({
      pauses: new PauseLedger(),
      policy: retryPolicy({ maxAttempts: 1, maxPauses: 1 }),
    });
    const run = () => Promise.reject(new Error('flaky'));
    expect((await processRecord(record, work(run), d)).kind).toBe('backpressure');
    const next = { ...record, offset: '42' };
    expect((await processRecord(next, work(run), d)).kind).toBe('backpressure');
    expect(letters).toEqual([]);
  });
});
