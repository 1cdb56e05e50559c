import { MAX_EVENT_BYTES, SchemaError } from '@trustwatch/schemas';
import { describe, expect, it } from 'vitest';
import type { DeliveredRecord } from '../port.js';
import { deadLetterRecord, DLQ_HEADERS } from './dead-letter.js';

const failure = { attempts: 1, firstFailureAt: new Date('2026-11-24T12:00:00Z'), groupId: 'trust-engine' };

function delivered(value: Buffer | null): DeliveredRecord {
  return {
    topic: 'news.published',
    partition: 1,
    offset: '7',
    key: 'bloomberg',
    value,
    headers: { ce_id: 'n-1' },
  };
}

describe('deadLetterRecord', () => {
  it('keeps key, value and original headers and adds the failure and its position', () => {
    const letter = deadLetterRecord(delivered(Buffer.from('{')), {
      ...failure,
      error: new SchemaError('INVALID_JSON', 'bad'),
    });
    expect(letter.key).toBe('bloomberg');
    expect(letter.value?.toString()).toBe('{');
    expect(letter.headers).toMatchObject({
      ce_id: 'n-1',
      [DLQ_HEADERS.reason]: 'INVALID_JSON',
      [DLQ_HEADERS.message]: 'bad',
      [DLQ_HEADERS.topic]: 'news.published',
      [DLQ_HEADERS.partition]: '1',
      [DLQ_HEADERS.offset]: '7',
      [DLQ_HEADERS.attempts]: '1',
      [DLQ_HEADERS.firstFailureAt]: '2026-11-24T12:00:00.000Z',
      [DLQ_HEADERS.groupId]: 'trust-engine',
    });
  });

  it('drops a value that might not fit the dead-letter topic but records its size', () => {
    const letter = deadLetterRecord(delivered(Buffer.alloc(MAX_EVENT_BYTES)), {
      ...failure,
      error: new Error('x'),
    });
    expect(letter.value).toBeNull();
    expect(letter.headers[DLQ_HEADERS.valueBytes]).toBe(String(MAX_EVENT_BYTES));
  });

  it('keeps an ordinary value byte for byte', () => {
    const value = Buffer.alloc(512 * 1_024, 'a');
    expect(
      deadLetterRecord(delivered(value), { ...failure, error: new Error('x') }).value?.equals(value),
    ).toBe(true);
  });

  it('marks errors without a code as unclassified and keeps the message short', () => {
    const letter = deadLetterRecord(delivered(null), { ...failure, error: new Error('y'.repeat(5_000)) });
    expect(letter.headers[DLQ_HEADERS.reason]).toBe('UNCLASSIFIED');
    expect(letter.headers[DLQ_HEADERS.message]?.length).toBe(1_000);
  });
});
