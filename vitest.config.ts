// Two projects: `unit` (no infrastructure, fast) and `integration` (*.int.test.ts: real Kafka and Redis,
// started or located by packages/testing's global setup). `npm test` runs both.
import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests import workspace packages from source, so `npm test` needs no prior build.
function workspaceAliases(): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const root of ['packages', 'services']) {
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root)) {
      const entry = resolve(root, name, 'src', 'index.ts');
      if (existsSync(entry)) aliases[`@trustwatch/${name}`] = entry;
    }
  }
  return aliases;
}

const shared = {
  resolve: { alias: workspaceAliases() },
};
const exclude = ['**/node_modules/**', '**/dist/**'];

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        ...shared,
        test: {
          name: 'unit',
          include: ['{packages,services,tests}/**/*.test.ts'],
          exclude: [...exclude, '**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          // Unit tests run first; the integration group follows with its own worker limit.
          sequence: { groupOrder: 0 },
        },
      },
      {
        ...shared,
        test: {
          name: 'integration',
          include: ['{packages,services,tests}/**/*.int.test.ts'],
          exclude,
          environment: 'node',
          globalSetup: [join('packages', 'testing', 'src', 'global-setup.ts')],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One broker and one Redis on two cores: keep parallel files to a level they can serve.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
