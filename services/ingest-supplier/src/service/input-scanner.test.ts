import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputScanner } from './input-scanner.js';

describe('scanning the input directories', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'supplier-scan-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const names = (files: readonly { name: string }[]): string[] =>
    files.map((f) => f.name.slice(dir.length + 1)).sort();

  it('finds JSON and CSV files in sub-folders and passes over hidden and temporary ones', async () => {
    await mkdir(join(dir, 'boms', '.git'), { recursive: true });
    await writeFile(join(dir, 'boms', 'board.cdx.json'), '{}');
    await writeFile(join(dir, 'feed-2019-01-31.csv'), 'vendor');
    await writeFile(join(dir, 'boms', '.git', 'config.json'), '{}');
    await writeFile(join(dir, '.draft.json'), '{}');
    await writeFile(join(dir, 'feed.json.part'), '{}');
    await writeFile(join(dir, 'README.md'), '#');
    const { files, unreadable } = await new InputScanner({ inputs: [dir], settleMs: 0 }).scan();
    expect(unreadable).toEqual([]);
    expect(names(files)).toEqual(['boms/board.cdx.json', 'feed-2019-01-31.csv']);
  });

  it('leaves a file that is still being written for a later scan', async () => {
    const path = join(dir, 'feed.json');
    await writeFile(path, '{}');
    let now = Date.now();
    const scanner = new InputScanner({ inputs: [dir], settleMs: 60_000, now: () => now });
    expect((await scanner.scan()).files).toEqual([]);
    now += 61_000;
    expect(names((await scanner.scan()).files)).toEqual(['feed.json']);
  });

  it('skips a file marked done until it changes, and re-reads one that was not', async () => {
    const done = join(dir, 'done.json');
    await writeFile(done, '{}');
    await writeFile(join(dir, 'retry.json'), '{}');
    const scanner = new InputScanner({ inputs: [dir], settleMs: 0 });
    expect((await scanner.scan()).files).toHaveLength(2);
    scanner.markDone(done);
    expect(names((await scanner.scan()).files)).toEqual(['retry.json']);
    await writeFile(done, '{"asOf":"2019-01-31"}');
    // Another modification time, whatever the file system's timestamp resolution.
    await utimes(done, new Date(), new Date(Date.now() - 5000));
    expect(names((await scanner.scan()).files)).toEqual(['done.json', 'retry.json']);
  });

  it('reports a missing input as unreadable and retriable', async () => {
    const { files, unreadable } = await new InputScanner({
      inputs: [join(dir, 'absent')],
      settleMs: 0,
    }).scan();
    expect(files).toEqual([]);
    expect(unreadable.map((e) => [e.code, e.retriable])).toEqual([['FILE_UNREADABLE', true]]);
  });
});
