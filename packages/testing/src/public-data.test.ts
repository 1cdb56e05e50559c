import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PUBLIC_DATA_VARIABLE } from './config.js';
import { publicDataPath, publicDataPathIn } from './public-data.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

function dataFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'trustwatch-data-'));
  writeFileSync(join(folder, 'README.md'), '# data\n');
  return folder;
}

describe('publicDataPath', () => {
  it('finds the real CVE records the trust model is tested with', () => {
    expect(existsSync(publicDataPath('cve-records', 'CVE-2024-10237.json'))).toBe(true);
  });

  it('prefers the configured folder', () => {
    const folder = dataFolder();
    expect(publicDataPathIn({ folder }, 'cve-records')).toBe(join(folder, 'cve-records'));
  });

  it('takes the folder from TRUSTWATCH_PUBLIC_DATA when set', () => {
    const folder = dataFolder();
    vi.stubEnv(PUBLIC_DATA_VARIABLE, folder);
    expect(publicDataPath('cve-records')).toBe(join(folder, 'cve-records'));
  });

  it('falls back to the default places when the configured folder holds no data', () => {
    const empty = mkdtempSync(join(tmpdir(), 'trustwatch-empty-'));
    expect(publicDataPathIn({ folder: empty }, 'x')).not.toContain(empty);
  });
});
