import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PUBLIC_DATA_VARIABLE, publicDataPath } from './public-data.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('publicDataPath', () => {
  it('finds the real CVE records the trust model is tested with', () => {
    expect(existsSync(publicDataPath('cve-records', 'CVE-2024-10237.json'))).toBe(true);
  });

  it('prefers the folder named by the environment', () => {
    const folder = mkdtempSync(join(tmpdir(), 'trustwatch-data-'));
    writeFileSync(join(folder, 'README.md'), '# data\n');
    vi.stubEnv(PUBLIC_DATA_VARIABLE, folder);
    expect(publicDataPath('cve-records')).toBe(join(folder, 'cve-records'));
  });
});
