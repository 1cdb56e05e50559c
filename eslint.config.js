// ESLint flat config: type-checked typescript-eslint rules plus the architecture's import boundaries.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const kafkaOnlyInBus = { name: 'kafkajs', message: 'Kafka is reached only through @trustwatch/bus.' };
const redisOnlyInStore = { name: 'ioredis', message: 'Redis is reached only through @trustwatch/store.' };
const envMessage = 'Read the environment only in a config.ts file; pass the validated config down.';
const noEnv = [
  { object: 'process', property: 'env', message: envMessage },
  { object: 'globalThis', property: 'process', message: envMessage },
];
const noEnvImport = { name: 'node:process', importNames: ['env'], message: envMessage };
// Pure packages: no I/O, no adapters, nothing but schemas and their own code.
const pureImports = {
  patterns: [
    { group: ['node:*', 'fs', 'net', 'http', 'https', 'child_process'], message: 'Pure package: no I/O.' },
    {
      group: ['@trustwatch/*', '!@trustwatch/schemas'],
      message: 'Pure package: depends on @trustwatch/schemas only.',
    },
  ],
  paths: [kafkaOnlyInBus, redisOnlyInStore, noEnvImport],
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'coverage/**',
      'infra/kafka/.kafka/**',
      'infra/redis/.redis/**',
      'packages/schemas/json-schema/**',
      '.test-artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.ts', 'infra/kafka/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: globals.node,
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [kafkaOnlyInBus, redisOnlyInStore, noEnvImport] }],
      'no-restricted-properties': ['error', ...noEnv],
    },
  },
  {
    files: ['packages/bus/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [redisOnlyInStore, noEnvImport] }] },
  },
  {
    files: ['packages/store/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [kafkaOnlyInBus, noEnvImport] }] },
  },
  {
    files: ['packages/scoring/src/**', 'packages/alerting/src/**', 'packages/entities/src/**'],
    // The entity catalog's data-file loader is its one I/O edge.
    ignores: [
      '**/*.test.ts',
      'packages/entities/src/load-catalog.ts',
      'packages/alerting/src/test-support.ts',
    ],
    rules: { 'no-restricted-imports': ['error', pureImports] },
  },
  {
    // The environment is read in config.ts files (validated once, then passed down), by infra's
    // launchers, and by root tool configs. Tests inject env records into those loaders instead.
    files: ['**/config.ts', 'infra/**', '*.config.ts', '*.config.js', '*.config.mjs'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.test.ts'],
    rules: {
      // vitest's expect(...).rejects and fast-check's async properties are awaited by the runner.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
