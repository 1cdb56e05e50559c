import { CompressionTypes } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { recordBytes } from '../encode-records.js';
import type { RawRecord } from '../port.js';
import { compressionFor as compressionForSizes } from './compression.js';

const compressionFor = (records: readonly RawRecord[], maxMessageBytes: number) =>
  compressionForSizes(records.map(recordBytes), maxMessageBytes);

const record = (valueBytes: number): RawRecord => ({
  key: 'customer-1',
  value: Buffer.alloc(valueBytes, 'x'),
  headers: { ce_type: 'trustwatch.trust.changed' },
});

describe('compressionFor', () => {
  it('sends a small publish uncompressed', () => {
    expect(compressionFor([record(2_000), record(2_000)], 1_000_000)).toBe(CompressionTypes.None);
  });

  it('compresses a send that could exceed the limit in one partition uncompressed', () => {
    const fanOut = Array.from({ length: 5_000 }, () => record(1_500));
    expect(compressionFor(fanOut, 1_000_000)).toBe(CompressionTypes.GZIP);
  });

  it('counts framing: many tiny records past half the limit are compressed', () => {
    // 16,000 empty-valued records: their keys, headers and framing alone pass 500,000 bytes.
    const tiny = Array.from({ length: 16_000 }, () => record(0));
    expect(compressionFor(tiny, 1_000_000)).toBe(CompressionTypes.GZIP);
    expect(compressionFor(tiny.slice(0, 1_000), 1_000_000)).toBe(CompressionTypes.None);
  });

  it('draws the line at half the limit', () => {
    expect(compressionFor([record(499_000)], 1_000_000)).toBe(CompressionTypes.None);
    expect(compressionFor([record(501_000)], 1_000_000)).toBe(CompressionTypes.GZIP);
  });
});
