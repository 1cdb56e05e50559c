import { supplierSourceSchema } from '@trustwatch/schemas';
import { z } from 'zod';
import type { StoredSnapshot } from './snapshot-state.js';

// The saved form of a snapshot is this service's own JSON, but a disk, a restore or a hand edit can
// damage it: it is checked on the way back in rather than trusted.
const text = z.string().max(4096);

const factSchema = z.strictObject({
  vendorId: text,
  vendorName: text,
  supplierId: text,
  supplierName: text,
  componentCategory: text,
  country: text.exactOptional(),
  facility: text.exactOptional(),
  effectiveDate: text.exactOptional(),
  sourceUrl: text.exactOptional(),
});

const snapshotBase = {
  file: text,
  facts: z.array(factSchema),
  effectiveDate: z.iso.date(),
  source: supplierSourceSchema,
};

const storedSnapshotSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('bom'),
    snapshot: z.strictObject({
      ...snapshotBase,
      serialNumber: text.exactOptional(),
      productRef: text.exactOptional(),
      version: z.number().int(),
      vendor: z.strictObject({ id: text, name: text }),
    }),
  }),
  z.strictObject({
    kind: z.literal('registry'),
    snapshot: z.strictObject({ ...snapshotBase, asOf: z.iso.date() }),
  }),
]);

/** One saved snapshot file: the key it was saved under (checked on read) and the snapshot. */
export const savedSnapshotSchema: z.ZodType<{ key: string; entry: StoredSnapshot }> = z.strictObject({
  key: z.string(),
  entry: storedSnapshotSchema,
});
