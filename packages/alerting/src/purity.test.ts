import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The whole package is pure, not only src/rules (which lint already guards): no I/O, no clock, no
// randomness, and only these imports. Test files and the test builders are exempt.
const ALLOWED = new Set(['@trustwatch/schemas', 'zod', 'yaml', 'safe-regex2']);
const FORBIDDEN_CALLS = /\bDate\.now\(|\bMath\.random\(|\bprocess\.|\bnew Date\(\)/;
const root = fileURLToPath(new URL('.', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && entry.name !== 'test-support.ts'
      ? [path]
      : [];
  });
}

describe('package purity', () => {
  it('imports only schemas, zod, yaml, safe-regex2 and its own files, and never reads the clock', () => {
    const offences: string[] = [];
    for (const file of sources(root)) {
      const text = readFileSync(file, 'utf8');
      for (const [, specifier = ''] of text.matchAll(/from '([^']+)'/g)) {
        if (!specifier.startsWith('.') && !ALLOWED.has(specifier))
          offences.push(`${relative(root, file)}: ${specifier}`);
      }
      if (FORBIDDEN_CALLS.test(text)) offences.push(`${relative(root, file)}: reads the clock or process`);
    }
    expect(offences).toEqual([]);
  });
});
