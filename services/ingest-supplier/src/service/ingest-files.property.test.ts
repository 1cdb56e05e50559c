import { createMemoryBus } from '@trustwatch/bus';
import { createMemoryTrustStore } from '@trustwatch/store';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InputFile } from '../run-files.js';
import { catalog, fixture } from '../test-support/files.js';
import { recordingBus, silentLog } from '../test-support/supplier-harness.js';
import { ingestFiles } from './ingest-files.js';
import { createMemorySupplierSnapshots } from './snapshot-state.js';

const v2 = fixture('bom/pcie-sata-adapter-board.v2.bom.json');
const FILES: readonly InputFile[] = [
  fixture('bom/pcie-sata-adapter-board.v1.bom.json'),
  v2,
  fixture('registry/supermicro-2018-06-30.csv'),
  fixture('registry/supermicro-2019-01-31.json'),
  { name: 'registry/supermicro-2019-02-28.json', text: '{"asOf":"2019-02-28","entries":[{"vendor":' },
  { name: 'bom/copy-of-v2.bom.json', text: v2.text },
];

async function ingestAll(batches: readonly (readonly InputFile[])[]) {
  const bus = recordingBus(createMemoryBus({ logger: silentLog }));
  await bus.ensureTopics(['supplier.changed']);
  const deps = {
    bus,
    store: createMemoryTrustStore(),
    snapshots: createMemorySupplierSnapshots(),
    catalog,
    log: silentLog,
    now: () => new Date('2026-01-01T00:00:00Z'),
  };
  const outcomes = [];
  for (const batch of batches) outcomes.push(...(await ingestFiles(batch, deps)));
  await bus.close();
  return { ids: bus.published.map(({ event }) => event.id).sort(), outcomes };
}

describe('ingesting a set of files', () => {
  it('publishes the same events whatever order the files of one run come in', async () => {
    const reference = await ingestAll([FILES]);
    expect(reference.ids).toHaveLength(2);
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray([...FILES], { minLength: FILES.length }), async (files) => {
        expect((await ingestAll([files])).ids).toEqual(reference.ids);
      }),
      { numRuns: 25 },
    );
  });

  it('publishes nothing more when the same files come again, in any split into runs', async () => {
    const once = await ingestAll([FILES]);
    await fc.assert(
      fc.asyncProperty(fc.subarray([...FILES]), async (again) => {
        const result = await ingestAll([FILES, again]);
        expect(result.ids).toEqual(once.ids);
        expect(result.outcomes.slice(FILES.length).every((o) => o.status === 'unchanged')).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
