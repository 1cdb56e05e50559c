import { describe, expect, it } from 'vitest';
import { createIngestKeys } from './ingest-keys.js';

describe('ingest state keys', () => {
  it('tags every key of one service with the service name so both scripts stay in one Cluster slot', () => {
    const keys = createIngestKeys('tw', 'ingest-supplier');
    expect(keys).toEqual({
      snapshots: 'tw:ingest:{ingest-supplier}:snapshots',
      leases: 'tw:ingest:{ingest-supplier}:leases',
      handled: 'tw:ingest:{ingest-supplier}:handled',
    });
  });

  it('encodes braces in a service name so they cannot open a second hash tag', () => {
    expect(createIngestKeys('', 'a}b{c').snapshots).toBe('ingest:{a%7Db%7Bc}:snapshots');
  });

  it('drops a trailing colon of the prefix and refuses a prefix with braces or an empty service', () => {
    expect(createIngestKeys('tw:', 's').handled).toBe(createIngestKeys('tw', 's').handled);
    expect(() => createIngestKeys('t{w}', 's')).toThrow(RangeError);
    expect(() => createIngestKeys('tw', '')).toThrow(RangeError);
  });
});
