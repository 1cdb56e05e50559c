import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleDashboard, type BundleResult } from './bundle.js';

let dir: string;
let result: BundleResult;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tw-bundle-'));
  result = await bundleDashboard(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('dashboard bundle', () => {
  it('writes one page, one script and one stylesheet, with content hashes in the asset names', async () => {
    expect((await readdir(join(dir, 'assets'))).sort()).toEqual(
      result.files
        .map((f) => f.path)
        .filter((p) => p.startsWith('assets/'))
        .map((p) => p.slice('assets/'.length))
        .sort(),
    );
    expect(result.files.map((f) => f.path)).toEqual([
      'index.html',
      expect.stringMatching(/^assets\/main-[A-Z0-9]{8}\.js$/),
      expect.stringMatching(/^assets\/main-[A-Z0-9]{8}\.css$/),
    ]);
  });

  it('has no inline script or style in the page, so a strict content security policy can forbid both', async () => {
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|style=/);
    for (const file of result.files.slice(1)) expect(html).toContain(`/${file.path}`);
  });

  it('stays small: under 120 KiB of script and 12 KiB of styles before compression', () => {
    const [, script, style] = result.files;
    expect(script?.bytes).toBeLessThan(120 * 1024);
    expect(style?.bytes).toBeLessThan(12 * 1024);
  });

  it('gives the same names to the same sources, so caches stay valid across rebuilds', async () => {
    const again = await mkdtemp(join(tmpdir(), 'tw-bundle-'));
    try {
      expect((await bundleDashboard(again)).files.map((f) => f.path)).toEqual(
        result.files.map((f) => f.path),
      );
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });
});
