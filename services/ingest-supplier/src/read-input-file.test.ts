import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputFile } from './read-input-file.js';

describe('readInputFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ingest-supplier-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns the text under the path it was read from', async () => {
    const path = join(dir, 'snapshot.json');
    await writeFile(path, '{"asOf":"2019-01-31","entries":[]}');
    await expect(readInputFile(path)).resolves.toEqual({
      name: path,
      text: '{"asOf":"2019-01-31","entries":[]}',
    });
  });

  it('refuses a file above the size limit before reading it', async () => {
    const path = join(dir, 'big.json');
    await writeFile(path, 'x'.repeat(2_000));
    await expect(readInputFile(path, 1_000)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', file: path });
  });

  it('reports a missing file as unreadable and retriable', async () => {
    const path = join(dir, 'missing.json');
    await expect(readInputFile(path)).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      file: path,
      retriable: true,
    });
  });
});
