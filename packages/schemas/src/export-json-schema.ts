/**
 * Writes the JSON Schema of every event type to packages/schemas/json-schema/ so producers in other
 * languages can validate what they send. `--check` writes nothing and exits 1 listing stale files, for CI.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildJsonSchemaFiles, staleJsonSchemaFiles } from './registry/json-schema.js';

// Resolved from this file (src/ or dist/ alike), so the script works from any working directory.
const folder = fileURLToPath(new URL('../json-schema/', import.meta.url));

function readFolder(): Map<string, string> {
  mkdirSync(folder, { recursive: true });
  const names = readdirSync(folder).filter((name) => name.endsWith('.json'));
  return new Map(names.map((name) => [name, readFileSync(`${folder}${name}`, 'utf8')]));
}

const fresh = buildJsonSchemaFiles();
const existing = readFolder();
const stale = staleJsonSchemaFiles(fresh, existing);

if (process.argv.includes('--check')) {
  if (stale.length > 0) {
    console.error(
      `JSON Schemas are stale; run \`npm run schemas:export\`:\n${stale.map((name) => `  ${name}`).join('\n')}`,
    );
    process.exitCode = 1;
  } else {
    console.log(`JSON Schemas are up to date (${fresh.size} files).`);
  }
} else {
  for (const name of stale) {
    const text = fresh.get(name);
    if (text === undefined) rmSync(`${folder}${name}`);
    else writeFileSync(`${folder}${name}`, text);
  }
  console.log(`Wrote ${stale.length} of ${fresh.size} JSON Schema files to ${folder}`);
}
