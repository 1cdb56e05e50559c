import { EVENT_DEFINITIONS } from '@trustwatch/schemas';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generateEventSet } from './event-set.js';
import { generateRecords } from './generated-events.js';
import { NEAR_MISS_KINDS, nearMissOf } from './near-miss.js';
import { arbitraryOf, jsonSchemaOf, validDataOf } from './schema-arbitrary.js';

const RUNS = 25;

describe('arbitraries from the zod event schemas', () => {
  it.each(EVENT_DEFINITIONS.map((d) => [d.type, d.schema] as const))(
    'generates data that %s accepts',
    (_type, schema) => {
      fc.assert(
        fc.property(validDataOf(schema), (data) => schema.safeParse(data).success),
        { numRuns: RUNS, seed: 1 },
      );
    },
  );

  it.each(EVENT_DEFINITIONS.map((d) => [d.type, d.schema] as const))(
    'makes near-misses of %s data that its schema refuses',
    (_type, schema) => {
      fc.assert(
        fc.property(nearMissOf(schema, validDataOf(schema)), (miss) => !schema.safeParse(miss.data).success),
        { numRuns: RUNS, seed: 2 },
      );
    },
  );

  it('follows the bounds the schema states: array sizes, string lengths, integer ranges, enums, records', () => {
    const schema = z.strictObject({
      tags: z.array(z.string().min(2).max(3)).min(1).max(2),
      n: z.int().min(5).max(7),
      kind: z.enum(['a', 'b']),
      note: z.string().max(4).optional(),
      labels: z.record(z.string().regex(/^[a-z]{1,8}$/), z.string().min(1).max(5)),
    });
    const root = jsonSchemaOf(schema);
    fc.assert(
      fc.property(arbitraryOf(root, root), (data) => schema.safeParse(data).success),
      { numRuns: 200, seed: 3 },
    );
  });

  it('refuses a construct it does not know instead of generating something wrong', () => {
    const email = jsonSchemaOf(z.strictObject({ to: z.email() }));
    expect(() => arbitraryOf(email, email)).toThrowError(/unsupported string format email/);
    const tuple = jsonSchemaOf(z.tuple([z.string(), z.int()]));
    expect(() => arbitraryOf(tuple, tuple)).toThrowError(/unsupported array/);
  });

  it('makes every near-miss kind, and the real decoders refuse each record it publishes', () => {
    const records = generateRecords(generateEventSet(8, 0, 3).portfolio, 20, 4);
    const kinds = new Set(records.filter((r) => r.kind !== 'valid').map((r) => r.kind));
    expect(kinds).toEqual(new Set(NEAR_MISS_KINDS));
    for (const r of records) expect(r.verdict === 'accepted').toBe(r.kind === 'valid');
  });
});
